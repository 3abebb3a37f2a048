package io.clearance.security;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Security headers on every answer: no MIME sniffing, no framing, no referrer. The auditor's pages also get
 * a Content-Security-Policy that allows no script at all and styles only from this server, and, like the
 * audit API, {@code Cache-Control: no-store}: the trail stays out of shared and browser caches.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The pages' policy: nothing inline, nothing from elsewhere, no form posting away, never framed. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    /** For JSON answers: nothing to load, never framed. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    // Server-rendered pages under the strict page policy. Add a page's prefix here when it follows it.
    private static final List<String> PAGES = List.of("/audit");

    /** The policy desk's pages: as {@link #PAGE_POLICY}, and their own script files may call the API. */
    static final String SCRIPTED_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    // Server-rendered pages whose scripts are files (never inline), under the scripted page policy.
    private static final List<String> SCRIPTED_PAGES = List.of("/policy");
    private static final List<String> NOT_CACHED = List.of("/audit", "/v1/audit", "/v1/admin");

    void install(@Observes Router router) {
        router.route().order(RequestGuard.ORDER - 1).handler(this::add);
    }

    void add(RoutingContext context) {
        String path = context.normalizedPath();
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (under(path, PAGES)) {
                headers.set("Content-Security-Policy", PAGE_POLICY);
            } else if (under(path, SCRIPTED_PAGES)) {
                headers.set("Content-Security-Policy", SCRIPTED_PAGE_POLICY);
            } else if (path.startsWith("/v1/") || path.startsWith("/access/")) {
                headers.set("Content-Security-Policy", API_POLICY);
            }
            if (under(path, NOT_CACHED)) {
                headers.set("Cache-Control", "no-store");
            }
        });
        context.next();
    }

    private static boolean under(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }
}
