package io.clearance.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Several decisions in one request ({@code POST /v1/decisions/batch}, AuthZEN evaluations). */
@ConfigMapping(prefix = "clearance.batch")
public interface BatchConfig {

    /** The most items one request may carry; a larger request is refused whole (400 {@code batch-too-large}). */
    @WithDefault("1000")
    int maxItems();
}
