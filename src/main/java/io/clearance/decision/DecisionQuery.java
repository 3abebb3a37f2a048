package io.clearance.decision;

import java.util.Objects;

/**
 * A validated question: may {@code subjectId} perform {@code action}, possibly for {@code onBehalfOfId}?
 *
 * @param onBehalfOfId the end customer, or {@code null} when the subject acts for itself
 */
public record DecisionQuery(String subjectId, Action action, String onBehalfOfId) {

    public DecisionQuery {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(action, "action");
    }
}
