package io.clearance.audit.changes;

import io.clearance.audit.ChainHash;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A change as stored: its place in the chain ({@code seq}), who made it, what it touched, the state before
 * and after as JSON ({@code null} where there was none), and the hashes that chain it.
 */
public record ChangeRecord(
        long seq,
        String changeId,
        Instant changedAt,
        String actor,
        String actorKind,
        String action,
        String target,
        String beforeJson,
        String afterJson,
        String prevHash,
        String hash) {

    /** The hash a record must carry: every stored field and the previous hash, as the decisions' chain does. */
    public String expectedHash() {
        return ChainHash.ofFields(
                prevHash,
                Long.toString(seq),
                changeId,
                // invariant: stored to the microsecond by both databases, so hash micros
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, changedAt)),
                actor,
                actorKind,
                action,
                target,
                beforeJson,
                afterJson);
    }

    ChangeRecord withHash(String newHash) {
        return new ChangeRecord(
                seq, changeId, changedAt, actor, actorKind, action, target, beforeJson, afterJson, prevHash, newHash);
    }
}
