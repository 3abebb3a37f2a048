package io.clearance.security;

import io.clearance.problem.ErrorCode;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers refused credentials (401) and missing roles (403) as {@code application/problem+json}, like every
 * other Clearance error. Quarkus refuses them before any resource runs, so they are answered here, on the
 * router, not by the resources' exception mappers.
 */
@ApplicationScoped
public class SecurityProblems {

    static final String MEDIA_TYPE = "application/problem+json";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            Throwable failure = context.failure();
            if (failure instanceof ForbiddenException) {
                forbidden(context);
            } else if (failure instanceof AuthenticationFailedException
                    || failure instanceof AuthenticationCompletionException
                    || failure instanceof UnauthorizedException) {
                unauthorized(context);
            } else {
                context.next();
            }
        });
    }

    /** 401 with the Bearer challenge; the code says whether a credential was missing or refused. */
    static void unauthorized(RoutingContext context) {
        boolean presented = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        // A browser on the audit pages is also offered Basic, so that it asks for a key (see BearerKeyMechanism).
        context.response()
                .putHeader(
                        "WWW-Authenticate",
                        BearerKeyMechanism.readsAuditPage(context)
                                ? "Bearer realm=\"clearance\", Basic realm=\"clearance audit\", charset=\"UTF-8\""
                                : "Bearer realm=\"clearance\"");
        send(
                context,
                presented ? ErrorCode.INVALID_CREDENTIALS : ErrorCode.AUTHENTICATION_REQUIRED,
                presented
                        ? "the bearer credential is unknown, revoked, expired or not valid"
                        : "this endpoint needs `Authorization: Bearer <API key or token>`");
    }

    static void forbidden(RoutingContext context) {
        send(
                context,
                ErrorCode.ROLE_REQUIRED,
                "the caller's roles do not allow " + context.request().method() + " `" + context.normalizedPath()
                        + "`");
    }

    static void send(RoutingContext context, ErrorCode code, String detail) {
        if (context.response().ended()) {
            return;
        }
        int status = code.status();
        JsonObject problem = new JsonObject()
                .put("type", "/problems/" + code.code())
                .put("title", code.title())
                .put("status", status)
                .put("code", code.code())
                .put("detail", detail)
                .put("instance", context.normalizedPath());
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(problem.encode());
    }
}
