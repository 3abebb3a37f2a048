package io.clearance.api;

/**
 * The answer of {@code PUT /v1/policy/shadow}: the version now evaluated in the shadow, and the serving
 * version it shadows.
 */
public record ShadowInstalled(String version, String shadowing) {}
