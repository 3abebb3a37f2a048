package io.clearance.decision;

import java.time.Instant;
import java.util.List;

/**
 * A live decision the shadow rule set would have answered differently.
 *
 * @param liveRules the rules that decided live; {@code shadowRules} those that decided in the shadow
 */
public record ShadowDiff(
        Instant at,
        String decisionId,
        String subject,
        String action,
        String onBehalfOf,
        String liveVersion,
        Outcome live,
        List<String> liveRules,
        String shadowVersion,
        Outcome shadow,
        List<String> shadowRules) {}
