package io.clearance.decision;

import java.nio.charset.StandardCharsets;

/**
 * A decision and its JSON exactly as answered, serialised once: the same bytes go to the client and into the
 * audit record, so the two can never disagree and no answer is serialised twice.
 *
 * @param json UTF-8 JSON of {@code decision}; never modified after construction (the array is shared)
 */
public record DecisionAnswer(Decision decision, byte[] json) {

    /** The JSON as text, as the audit record keeps it. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
