package io.clearance.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What the HTTP server tolerates from a client before it answers with a problem and hangs up ({@code
 * clearance.http.*}, see {@link RequestLimits}); the framework's own hard limits ({@code
 * quarkus.http.limits.*}) sit above these as a backstop.
 */
@ConfigMapping(prefix = "clearance.http")
public interface HttpLimitsConfig {

    /** Time from the request head to the last byte of its body; a slower sender gets 408 and is cut off. */
    @WithDefault("10s")
    Duration bodyReadTimeout();

    /** Characters of the request target (path and query). */
    @WithDefault("4096")
    int maxUriLength();

    /** Bytes of all request header names and values together. */
    @WithDefault("16384")
    int maxHeaderBytes();
}
