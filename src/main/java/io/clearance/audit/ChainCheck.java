package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Checks one chain record by record, in seq order, from an anchor: the rules every verifier applies (the
 * server's over the database, the offline one over an export file). Returns the first broken link.
 */
final class ChainCheck {

    // null: the offline verifier was given no key, so macs and checkpoint signatures are not checked
    private final ChainKeys keys;
    private final ObjectMapper json;
    private final ChainReport.ExpectedHead head;
    private long expected;
    private String previous;
    private long checked;

    /**
     * @param firstSeq the seq the next record must have
     * @param previousHash the hash of the record before it ({@link ChainHash#GENESIS} before the first)
     * @param head the expected head, or {@code null}
     */
    ChainCheck(ChainKeys keys, ObjectMapper json, long firstSeq, String previousHash, ChainReport.ExpectedHead head) {
        this.keys = keys;
        this.json = json;
        this.expected = firstSeq;
        this.previous = previousHash;
        this.head = head;
    }

    /**
     * @param indexed the rule index rows of the record, or {@code null} when not checked
     * @param checkpoint the stored checkpoint at the record, or {@code null}
     */
    ChainReport.Break accept(AuditRecord r, List<String> indexed, Checkpoint checkpoint) {
        if (r.seq() != expected) {
            return missing(expected);
        }
        if (!r.prevHash().equals(previous)) {
            return broken(
                    r,
                    "previous-hash-mismatch",
                    "the record does not follow the hash of record " + (r.seq() - 1),
                    previous,
                    r.prevHash());
        }
        String recomputed = r.legacy() ? ChainHash.of(r) : RecordHash.of(r);
        if (!recomputed.equals(r.hash())) {
            return broken(
                    r,
                    "content-mismatch",
                    "the record's content no longer matches its hash: it was changed after it was written",
                    recomputed,
                    r.hash());
        }
        if (!r.legacy()) {
            String evidence = r.answerJson() == null
                    ? null
                    : Evidence.hash(Evidence.template(r.answerJson(), r.decisionId(), r.decidedAtText()));
            if (!r.evidenceHash().equals(evidence)) {
                return broken(
                        r,
                        "evidence-mismatch",
                        "the stored answer and evidence no longer match the hash the record names",
                        r.evidenceHash(),
                        evidence);
            }
            String mac = keys == null ? null : keys.mac(RecordHash.macInput(r.chainId(), r.seq(), r.hash()));
            if (keys != null && !mac.equals(r.mac())) {
                return broken(
                        r,
                        "mac-mismatch",
                        // An honest chain of an instance with a key of its own fails here too: say so.
                        "the record's mac does not hold: it was written or rewritten without the chain key (or by"
                                + " an instance with a chain key of its own: instances sharing a database share"
                                + " clearance.audit.chain-key)",
                        null,
                        r.mac());
            }
        }
        if (indexed != null) {
            List<String> derived = RuleIndex.rules(r, json);
            if (!derived.equals(indexed)) {
                return broken(
                        r,
                        "index-mismatch",
                        "the rule search index disagrees with the deciding rules of the chained answer",
                        String.join(" | ", derived),
                        String.join(" | ", indexed));
            }
        }
        if (checkpoint != null
                && (!checkpoint.hash().equals(r.hash())
                        || (!r.legacy() && keys != null && !checkpoint.authentic(keys)))) {
            return broken(
                    r,
                    "checkpoint-mismatch",
                    "the checkpoint at this record holds another hash or is not signed with the chain's keys",
                    checkpoint.hash(),
                    r.hash());
        }
        if (head != null && head.seq() == r.seq() && !head.hash().equals(r.hash())) {
            return broken(
                    r,
                    "head-mismatch",
                    "the record at the expected head (" + head.source() + ") holds another hash",
                    head.hash(),
                    r.hash());
        }
        previous = r.hash();
        expected++;
        checked++;
        return null;
    }

    /** After the last record: a head beyond it means records were cut off the end. */
    ChainReport.Break finish() {
        if (head != null && head.seq() >= expected) {
            return new ChainReport.Break(
                    expected,
                    null,
                    "truncated",
                    "the chain ends at record " + (expected - 1) + " but the expected head (" + head.source()
                            + ") is record " + head.seq() + ": records were removed from the end",
                    head.hash(),
                    null);
        }
        return null;
    }

    long checked() {
        return checked;
    }

    static ChainReport.Break missing(long seq) {
        return new ChainReport.Break(
                seq, null, "missing-record", "record " + seq + " is missing: the chain has a gap", null, null);
    }

    private static ChainReport.Break broken(
            AuditRecord r, String problem, String message, String expected, String found) {
        return new ChainReport.Break(r.seq(), r.decisionId(), problem, message, expected, found);
    }
}
