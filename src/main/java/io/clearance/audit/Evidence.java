package io.clearance.audit;

import java.nio.charset.StandardCharsets;

/**
 * An answer stored once per distinct content. Two answers to the same question differ only in their decision
 * id and time, so those two values are blanked out of the stored text (replaced by the JSON string
 * {@code "\u0000"}) and filled back from the record when read: the stored text, its <em>evidence</em>,
 * is shared by every decision that answered alike and is named by its SHA-256.
 *
 * <p>Text, not a JSON tree, is edited, so that the answer comes back byte for byte as the client received
 * it. A value is blanked only when the text holds it exactly once and no blank already, so filling back is
 * unambiguous.
 */
public final class Evidence {

    private static final String ID_KEY = "\"decisionId\":";
    private static final String TIME_KEY = "\"decidedAt\":";
    // A JSON string no decision id or instant can be (a NUL character), so a filled-in value is never mistaken for it.
    private static final String NULL = "\"\\u0000\"";

    private Evidence() {}

    /** The shareable text of an answer. */
    public static String template(String answerJson, String decisionId, String decidedAt) {
        String text = blank(answerJson, ID_KEY, quoted(decisionId));
        return decidedAt == null ? text : blank(text, TIME_KEY, quoted(decidedAt));
    }

    /** The answer as the client received it, from its shared text and the record's own id and time. */
    public static String answer(String template, String decisionId, String decidedAt) {
        String text = fill(template, ID_KEY, quoted(decisionId));
        return decidedAt == null ? text : fill(text, TIME_KEY, quoted(decidedAt));
    }

    /**
     * The SHA-256 of {@code template}. Not memoised here: a memo hit's record brings the hash its memo entry keeps
     * ({@link io.clearance.decision.KeptHash}), so the same text is not hashed again for every answer.
     */
    public static String hash(String template) {
        return RecordHash.sha256(template.getBytes(StandardCharsets.UTF_8));
    }

    private static String blank(String text, String key, String value) {
        String whole = key + value;
        int at = text.indexOf(whole);
        if (at < 0 || text.indexOf(whole, at + 1) >= 0 || text.contains(key + NULL)) {
            return text;
        }
        return text.substring(0, at) + key + NULL + text.substring(at + whole.length());
    }

    private static String fill(String text, String key, String value) {
        int at = text.indexOf(key + NULL);
        if (at < 0) {
            return text;
        }
        return text.substring(0, at) + key + value + text.substring(at + key.length() + NULL.length());
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
