package io.clearance.security;

import io.clearance.problem.ErrorCode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks every request before anything else reads it:
 *
 * <ul>
 *   <li>a state-changing request (POST, PUT, PATCH, DELETE) from a browser page of another origin is refused
 *       (403 {@code cross-origin-refused}): its {@code Origin} must be this server's or one of
 *       {@code clearance.auth.allowed-origins}; a request without {@code Origin} is not a browser's
 *       cross-site request (curl, a gateway) and goes on to authentication;
 *   <li>a state-changing request with a body must say it is JSON (or another type no HTML form can send): a
 *       form post ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain})
 *       is refused with 415 {@code unsupported-media-type}, whatever its origin;
 *   <li>control and bidirectional characters in the path or the query are refused (400
 *       {@code invalid-characters}), before they can reach an id, a log line or a page.
 * </ul>
 */
@ApplicationScoped
public class RequestGuard {

    /** Runs before authentication, so that a refused request costs no key lookup. */
    static final int ORDER = Integer.MIN_VALUE + 100;

    private static final Set<HttpMethod> CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    // Types that no HTML form and no "simple" cross-site fetch can send, so a browser must ask first (CORS).
    private static final List<String> ACCEPTED_TYPES =
            List.of("application/json", "application/x-ndjson", "text/csv", "application/yaml", "application/grpc");

    private final Set<String> allowedOrigins;

    RequestGuard(AuthConfig config) {
        this.allowedOrigins = Set.copyOf(config.allowedOrigins().orElse(List.of()).stream()
                .map(RequestGuard::normalise)
                .toList());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String refusal = unsafeCharacters(request);
        if (refusal != null) {
            SecurityProblems.send(context, ErrorCode.INVALID_CHARACTERS, refusal);
            return;
        }
        if (CHANGING.contains(request.method())) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            if (origin != null && !sameOrigin(request, origin) && !allowedOrigins.contains(normalise(origin))) {
                SecurityProblems.send(
                        context,
                        ErrorCode.CROSS_ORIGIN_REFUSED,
                        "a state-changing request from origin `" + UnsafeText.shown(origin)
                                + "` is refused; allow it with `clearance.auth.allowed-origins`");
                return;
            }
            // A request without a body carries nothing a form could have forged; a cross-site one without a
            // body is caught by its Origin above (every current browser sends it on a cross-origin POST).
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            if (hasBody(request) && (type == null || !accepted(type))) {
                SecurityProblems.send(
                        context,
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "a request that changes something takes `Content-Type: application/json`"
                                + (type == null ? "" : ", not `" + UnsafeText.shown(type) + "`"));
                return;
            }
        }
        context.next();
    }

    static boolean accepted(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return ACCEPTED_TYPES.contains(type)
                || (type.startsWith("application/") && type.endsWith("+json"))
                || type.startsWith("application/grpc+");
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.trim().equals("0"));
    }

    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && normalise(origin).equals(normalise(request.scheme() + "://" + host));
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        o = o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
        if (o.startsWith("http://") && o.endsWith(":80")) {
            return o.substring(0, o.length() - 3);
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            return o.substring(0, o.length() - 4);
        }
        return o;
    }

    private static String unsafeCharacters(HttpServerRequest request) {
        try {
            String path = QueryStringDecoder.decodeComponent(request.path());
            if (UnsafeText.firstUnsafe(path) >= 0) {
                return "the path holds a control or bidirectional character: `" + UnsafeText.shown(path) + "`";
            }
            String query = request.query();
            if (query != null) {
                for (Map.Entry<String, List<String>> p :
                        new QueryStringDecoder(query, false).parameters().entrySet()) {
                    if (UnsafeText.firstUnsafe(p.getKey()) >= 0
                            || p.getValue().stream().anyMatch(v -> UnsafeText.firstUnsafe(v) >= 0)) {
                        return "query parameter `" + UnsafeText.shown(p.getKey())
                                + "` holds a control or bidirectional character";
                    }
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "the path or the query is not valid percent-encoding";
        }
    }
}
