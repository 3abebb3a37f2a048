package io.clearance.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Settings of authentication and request checks ({@code clearance.auth.*}). */
@ConfigMapping(prefix = "clearance.auth")
public interface AuthConfig {

    /**
     * When false every request is treated as coming from a caller with every role: for a local trial only.
     * A warning is logged at every start, and the production profile refuses it unless it was given
     * explicitly at launch (environment variable or system property).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * An admin key given by the operator ({@code CLEARANCE_ADMIN_KEY}): {@code clr_} and at least 32 more
     * characters. Held in memory as a hash, never stored.
     */
    Optional<String> adminKey();

    /**
     * Where the admin key generated at the first start is also written (owner-only permissions), for
     * automation that cannot read the log. Unset: the key is only logged, once.
     */
    Optional<Path> bootstrapKeyFile();

    /**
     * Origins, besides the server's own, from which a browser may send state-changing requests, such as
     * {@code https://console.example.com}. A request without {@code Origin} (curl, a gateway) is not a
     * browser's cross-site request and is let through to authentication.
     */
    Optional<List<String>> allowedOrigins();
}
