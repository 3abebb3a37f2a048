package io.clearance.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated question: may {@code subjectId} perform {@code action}, possibly for {@code onBehalfOfId},
 * at instant {@code at}?
 *
 * @param onBehalfOfId the end customer, or {@code null} when the subject acts for itself
 * @param at the instant decided for: bans and stakes in force then count; {@code null} means now
 */
public record DecisionQuery(String subjectId, Action action, String onBehalfOfId, Instant at) {

    public DecisionQuery {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(action, "action");
    }

    /** A question about now. */
    public DecisionQuery(String subjectId, Action action, String onBehalfOfId) {
        this(subjectId, action, onBehalfOfId, null);
    }
}
