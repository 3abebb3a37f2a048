package io.clearance.audit;

import java.time.Instant;

/**
 * The outcome of verifying a chain over a range: which records were checked, and the first broken link if
 * there is one.
 *
 * @param intact {@code true} when every checked record follows its predecessor, matches its hash and mac,
 *     and the chain reaches the expected head
 * @param chainId the chain verified
 * @param keyed whether its records carry a mac (the {@value AuditRecord#LEGACY_CHAIN} chain does not)
 * @param expectedHead the head the chain was checked against (from the request, the head file or the journal),
 *     {@code null} when there was none
 * @param unshipped records answered but still only in the local journal (the database is behind)
 */
public record ChainReport(
        Instant from,
        Instant to,
        Long firstSeq,
        Long lastSeq,
        long checked,
        boolean intact,
        Break firstBroken,
        String chainId,
        boolean keyed,
        ExpectedHead expectedHead,
        long unshipped) {

    /**
     * The first link that does not hold.
     *
     * @param problem {@code truncated}, {@code missing-record}, {@code previous-hash-mismatch},
     *     {@code content-mismatch}, {@code evidence-mismatch}, {@code mac-mismatch}, {@code checkpoint-mismatch},
     *     {@code head-mismatch} or {@code index-mismatch}
     */
    public record Break(long seq, String decisionId, String problem, String message, String expected, String found) {}

    /** The newest head known outside the database, and where it was read. */
    public record ExpectedHead(long seq, String hash, String source) {}
}
