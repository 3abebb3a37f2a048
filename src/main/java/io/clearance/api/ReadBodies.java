package io.clearance.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The body of a request whose resource runs on the event loop. {@link RequestLimits} has already read an HTTP/1
 * body whole into the routing context; the REST layer, asked for the body again by a non-blocking method, hands
 * it over as zero bytes once it spans more than one chunk (a 20 KB decision came out as NULs and was refused as
 * malformed JSON). So the body read here comes first; the REST layer's copy serves where nothing was read before
 * it (HTTP/2, which the REST layer reads itself).
 */
public final class ReadBodies {

    private ReadBodies() {}

    public static String text(String given, RoutingContext routing) {
        Buffer read = routing == null || routing.body() == null
                ? null
                : routing.body().buffer();
        return read == null ? given : read.toString();
    }
}
