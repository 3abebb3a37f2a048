package io.clearance.api;

import io.clearance.release.Activation;
import java.util.List;

/** The answer to {@code GET /v1/policy/versions}: the version serving and the releases, newest first. */
public record PolicyReleases(String serving, List<Activation> releases) {}
