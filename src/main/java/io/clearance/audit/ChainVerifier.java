package io.clearance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Recomputes the hash chain over a range of the log and reports the first broken link: a record whose
 * content no longer matches its hash, whose previous hash is not the hash of the record before it, a seq
 * missing from the sequence (a deleted record), or a checkpoint that disagrees with its record.
 *
 * <p>The range is anchored on the stored hash of the record just before it; verifying from the start
 * anchors on the genesis hash. Truncating the newest records is visible only against a checkpoint kept
 * outside the database (the server logs each one).
 */
@ApplicationScoped
public class ChainVerifier {

    private final AuditRepository repository;

    ChainVerifier(AuditRepository repository) {
        this.repository = repository;
    }

    public ChainReport verify(Instant from, Instant to) {
        OptionalLong first = repository.firstSeqFrom(from);
        OptionalLong last = repository.lastSeqUntil(to);
        if (first.isEmpty() || last.isEmpty() || first.getAsLong() > last.getAsLong()) {
            return new ChainReport(from, to, null, null, 0, true, null);
        }
        long firstSeq = first.getAsLong();
        long lastSeq = last.getAsLong();
        String previous;
        if (firstSeq == 1) {
            previous = ChainHash.GENESIS;
        } else {
            Optional<String> anchor = repository.hashAt(firstSeq - 1);
            if (anchor.isEmpty()) {
                return broken(
                        from,
                        to,
                        firstSeq,
                        lastSeq,
                        0,
                        new ChainReport.Break(
                                firstSeq - 1,
                                null,
                                "missing-record",
                                "record " + (firstSeq - 1) + " is missing: the chain has a gap before the range",
                                null,
                                null));
            }
            previous = anchor.get();
        }
        Map<Long, String> checkpoints = repository.checkpoints(firstSeq, lastSeq);
        long expected = firstSeq;
        long checked = 0;
        while (expected <= lastSeq) {
            List<AuditRecord> page = repository.seqRange(expected - 1, lastSeq);
            if (page.isEmpty()) {
                return broken(from, to, firstSeq, lastSeq, checked, missing(expected));
            }
            for (AuditRecord record : page) {
                if (record.seq() != expected) {
                    return broken(from, to, firstSeq, lastSeq, checked, missing(expected));
                }
                if (!record.prevHash().equals(previous)) {
                    return broken(
                            from,
                            to,
                            firstSeq,
                            lastSeq,
                            checked,
                            new ChainReport.Break(
                                    record.seq(),
                                    record.decisionId(),
                                    "previous-hash-mismatch",
                                    "the record does not follow the hash of record " + (record.seq() - 1),
                                    previous,
                                    record.prevHash()));
                }
                String recomputed = ChainHash.of(record);
                if (!recomputed.equals(record.hash())) {
                    return broken(
                            from,
                            to,
                            firstSeq,
                            lastSeq,
                            checked,
                            new ChainReport.Break(
                                    record.seq(),
                                    record.decisionId(),
                                    "content-mismatch",
                                    "the record's content no longer matches its hash: it was changed after it was written",
                                    recomputed,
                                    record.hash()));
                }
                String checkpoint = checkpoints.get(record.seq());
                if (checkpoint != null && !checkpoint.equals(record.hash())) {
                    return broken(
                            from,
                            to,
                            firstSeq,
                            lastSeq,
                            checked,
                            new ChainReport.Break(
                                    record.seq(),
                                    record.decisionId(),
                                    "checkpoint-mismatch",
                                    "the checkpoint at this record holds another hash",
                                    checkpoint,
                                    record.hash()));
                }
                previous = record.hash();
                expected++;
                checked++;
            }
        }
        return new ChainReport(from, to, firstSeq, lastSeq, checked, true, null);
    }

    private static ChainReport.Break missing(long seq) {
        return new ChainReport.Break(
                seq, null, "missing-record", "record " + seq + " is missing: the chain has a gap", null, null);
    }

    private static ChainReport broken(
            Instant from, Instant to, long firstSeq, long lastSeq, long checked, ChainReport.Break at) {
        return new ChainReport(from, to, firstSeq, lastSeq, checked, false, at);
    }
}
