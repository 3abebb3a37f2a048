package io.clearance.audit;

import java.time.Instant;

/**
 * The outcome of verifying the chain over a range: which records were checked, and the first broken link
 * if there is one.
 *
 * @param intact {@code true} when every checked record follows its predecessor and matches its hash
 */
public record ChainReport(
        Instant from, Instant to, Long firstSeq, Long lastSeq, long checked, boolean intact, Break firstBroken) {

    /**
     * The first link that does not hold.
     *
     * @param problem {@code content-mismatch}, {@code previous-hash-mismatch}, {@code missing-record} or {@code checkpoint-mismatch}
     */
    public record Break(long seq, String decisionId, String problem, String message, String expected, String found) {}
}
