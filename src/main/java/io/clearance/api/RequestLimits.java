package io.clearance.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.problem.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The HTTP server's limits on what a client sends, checked on the event loop before any resource runs,
 * each refused with a problem body and the connection closed: a body larger than {@code
 * quarkus.http.limits.max-body-size} (413), a request target longer than {@code clearance.http.max-uri-length}
 * (414), headers larger than {@code clearance.http.max-header-bytes} (431), and a body that has not arrived
 * within {@code clearance.http.body-read-timeout} of the request head (408). An import's upload is the one body
 * with limits of its own, handed to {@link ImportUpload} once the request target and headers passed.
 *
 * <p>Vert.x answers its own limit breaches with an empty body and reaches no route, so its decoder limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above these
 * and only stop what is far beyond them. The body deadline is what keeps a client that trickles a body
 * byte by byte from holding a connection, and the memory of its buffer, for as long as it likes; bodies
 * are read whole on the event loop, so a slow one never holds a worker thread that decisions need.
 */
@ApplicationScoped
public class RequestLimits {

    /** Before Quarkus' own body-size check (order -2), which answers 413 with an empty body. */
    static final int ORDER = -3;

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);

    private final HttpLimitsConfig limits;
    private final Optional<MemorySize> maxBodySize;
    private final ObjectMapper json;
    private final ImportUpload uploads;

    RequestLimits(
            HttpLimitsConfig limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ObjectMapper json,
            ImportUpload uploads) {
        this.limits = limits;
        this.maxBodySize = maxBodySize;
        this.json = json;
        this.uploads = uploads;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(this::failed);
        // The whole body is read here, on the event loop, before a resource runs: otherwise a blocking
        // resource reads it on its worker thread, and clients that trickle bodies hold every worker.
        BodyHandler bodies = BodyHandler.create(false)
                .setBodyLimit(maxBodySize.map(MemorySize::asLongValue).orElse(-1L))
                .setMergeFormAttributes(false);
        router.route().order(ORDER + 1).handler(context -> {
            HttpServerRequest request = context.request();
            // gRPC (Envoy ext_authz) streams its own frames, and a request without a body has none to wait for:
            // both go on as they came. So does every HTTP/2 stream (prior knowledge, TLS with ALPN, or an h2c
            // upgrade): Vert.x refuses to pause an HTTP/2 request whose body has been read, which the REST
            // layer does first, so a body read here failed the request with a 500. The REST layer reads an
            // HTTP/2 body on the event loop itself, under the same size limit and the deadline set in check.
            if (isGrpc(request)
                    || request.version() == HttpVersion.HTTP_2
                    || !hasBody(request, request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
                context.next();
                return;
            }
            bodies.handle(context);
        });
    }

    /** Failures while the body is read: the body limit, or a client that went away. */
    void failed(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            // Nobody to answer: a dropped connection is the client's business, worth one line at most.
            LOG.debugf(
                    "%s %s: the client went away before the request was read (%s)",
                    context.request().method(),
                    JsonLimits.capped(context.request().path()),
                    context.failure() == null
                            ? "status " + context.statusCode()
                            : context.failure().toString());
            return;
        }
        if (context.statusCode() == 413) {
            refuse(context, bodyTooLarge());
            return;
        }
        context.next();
    }

    private Problem bodyTooLarge() {
        return Problem.of(
                ErrorCode.BODY_TOO_LARGE,
                "the body is larger than "
                        + maxBodySize.map(MemorySize::asLongValue).orElse(0L) + " bytes");
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > limits.maxUriLength()) {
            refuse(
                    context,
                    Problem.of(
                            ErrorCode.URI_TOO_LONG,
                            "the request target is longer than " + limits.maxUriLength() + " characters"));
            return;
        }
        if (headerBytes(request) > limits.maxHeaderBytes()) {
            refuse(
                    context,
                    Problem.of(
                            ErrorCode.HEADERS_TOO_LARGE,
                            "the request headers hold more than " + limits.maxHeaderBytes() + " bytes"));
            return;
        }
        if (uploads.claims(context)) {
            // A registry file: its own size limit and a stall timeout instead of the deadline, spooled as it comes.
            uploads.receive(context);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null
                && maxBodySize.isPresent()
                && tooLong(length, maxBodySize.get().asLongValue())) {
            refuse(context, bodyTooLarge());
            return;
        }
        if (hasBody(request, length)) {
            long timer = context.vertx().setTimer(limits.bodyReadTimeout().toMillis(), ignored -> bodyOverdue(context));
            context.addEndHandler(ignored -> context.vertx().cancelTimer(timer));
        }
        context.next();
    }

    private void bodyOverdue(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.isEnded()) {
            return;
        }
        LOG.debugf(
                "closing %s %s: its body did not arrive within %s",
                request.method(), request.path(), limits.bodyReadTimeout());
        if (context.response().headWritten()) {
            request.connection().close();
            return;
        }
        refuse(
                context,
                Problem.of(
                        ErrorCode.BODY_TIMEOUT,
                        "the body did not arrive within "
                                + limits.bodyReadTimeout().toSeconds() + " s"));
    }

    private void refuse(RoutingContext context, Problem problem) {
        refuse(context, json, problem);
    }

    /** Answers with {@code problem} and closes the connection: the rest of the request is never read. */
    static void refuse(RoutingContext context, ObjectMapper json, Problem problem) {
        HttpServerResponse response = context.response();
        String body;
        try {
            // The path of a 414 is the very thing that is too long: it is not repeated.
            body = json.writeValueAsString(
                    problem.status() == 414
                            ? problem
                            : problem.at(JsonLimits.capped(context.request().path())));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}";
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(ignored -> context.request().connection().close());
    }

    private static boolean isGrpc(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.startsWith("application/grpc");
    }

    private static boolean hasBody(HttpServerRequest request, String length) {
        if (length != null) {
            return !length.equals("0");
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && !encoding.isEmpty();
    }

    static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            // Not a number: Vert.x has already refused the request head.
            return false;
        }
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }
}
