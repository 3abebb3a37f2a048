package io.clearance.decision;

import java.nio.charset.StandardCharsets;

/**
 * A decision and its JSON exactly as answered, serialised once: the same bytes go to the client and into the
 * audit record, so the two can never disagree and no answer is serialised twice.
 *
 * @param json UTF-8 JSON of {@code decision}; never modified after construction (the array is shared)
 * @param evidenceHash where the hash of its stored text is kept when the memo answers it again; {@code null}
 *     for an answer no memo entry holds (its text is hashed once, for its own record)
 */
public record DecisionAnswer(Decision decision, byte[] json, KeptHash evidenceHash) {

    /** An answer no memo entry holds. */
    public DecisionAnswer(Decision decision, byte[] json) {
        this(decision, json, null);
    }

    /** The same answer, its stored text's hash kept in {@code hash}. */
    DecisionAnswer keepingHashIn(KeptHash hash) {
        return new DecisionAnswer(decision, json, hash);
    }

    /** The JSON as text, as the audit record keeps it. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
