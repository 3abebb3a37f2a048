package io.clearance.decision;

import java.util.function.UnaryOperator;

/**
 * The hash of the text an answer is stored under (the audit log's evidence: the answer without its id and
 * time), kept with the memoised decision that answers it: every hit answers the same text until the graph's
 * version in it moves, so the audit hashes it once per version instead of once per answer. It lives and dies
 * with its memo entry; nothing global holds texts or hashes.
 *
 * <p>The text is compared before the kept hash is trusted, so a hash is never given for another text (an
 * answer whose id or time the log could not blank, a new graph version): such a text is hashed and kept in
 * place of the last. Thread-safe: the text and its hash are replaced together.
 */
public final class KeptHash {

    private volatile Kept last;

    private record Kept(String text, String hash) {}

    /** The hash of {@code text}: the kept one when {@code text} is the text it was made for, else {@code hashing}'s. */
    public String of(String text, UnaryOperator<String> hashing) {
        Kept kept = last;
        if (kept != null && kept.text().equals(text)) {
            return kept.hash();
        }
        String hash = hashing.apply(text);
        last = new Kept(text, hash);
        return hash;
    }
}
