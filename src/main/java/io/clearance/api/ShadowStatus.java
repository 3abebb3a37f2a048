package io.clearance.api;

import java.time.Instant;

/**
 * The answer of {@code GET /v1/policy/shadow}: the version evaluated in the shadow, the serving version it
 * shadows, since when, and what the comparisons found so far. Comparisons run after the live answer has
 * gone, on one background thread, so the counts trail the decisions by a moment.
 *
 * @param compared live decisions the shadow has decided again so far
 * @param differences those it answered differently (listed by {@code GET /v1/policy/shadow/diffs})
 * @param skipped decisions not compared because the shadow fell behind live traffic
 * @param failed comparisons the shadow could not make (its rules failed on the request)
 */
public record ShadowStatus(
        String version,
        String shadowing,
        Instant since,
        int ruleCount,
        long compared,
        long differences,
        long skipped,
        long failed) {}
