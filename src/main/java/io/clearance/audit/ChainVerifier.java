package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Verifies a chain as stored in the database: every record follows its predecessor, matches its hash, its
 * evidence and its keyed mac, its rule index rows and checkpoints agree, and the chain reaches the newest head
 * known outside the database (given by the caller, else the local head file, else what this instance shipped).
 * Reports the first broken link; truncation of the newest records shows as {@code truncated}.
 */
@ApplicationScoped
public class ChainVerifier {

    private final AuditRepository repository;
    private final AuditLog log;
    private final ObjectMapper json;

    ChainVerifier(AuditRepository repository, AuditLog log, ObjectMapper json) {
        this.repository = repository;
        this.log = log;
        this.json = json;
    }

    /**
     * Verifies every chain: those the database holds and those this instance has open (one may have no record
     * shipped yet), each against the newest head known outside the database.
     *
     * @param chainId only this chain, or {@code null} for all
     * @param given the head the caller expects of {@code chainId} (of this instance's decision chain when no
     *     chain is named), or {@code null}
     */
    public AuditVerification verifyAll(String chainId, Instant from, Instant to, ChainReport.ExpectedHead given) {
        if (chainId != null) {
            return AuditVerification.of(List.of(verify(chainId, from, to, given)));
        }
        log.awaitShipped();
        SortedSet<String> chains = new TreeSet<>(repository.chains());
        log.chainsNow().forEach(c -> chains.add(c.writer().chainId()));
        String own = log.decisionChainId();
        List<ChainReport> reports = new ArrayList<>();
        for (String chain : chains) {
            reports.add(verify(chain, from, to, chain.equals(own) ? given : null));
        }
        return AuditVerification.of(reports);
    }

    /**
     * @param given the head the caller expects ({@code null}: the head file's or the journal's)
     */
    public ChainReport verify(String chainId, Instant from, Instant to, ChainReport.ExpectedHead given) {
        log.awaitShipped();
        boolean keyed = !AuditRecord.LEGACY_CHAIN.equals(chainId);
        ChainReport.ExpectedHead head = to != null ? null : expectedHead(chainId, given);
        long unshipped = unshipped(chainId);
        OptionalLong first = repository.firstSeqFrom(chainId, from);
        OptionalLong last = repository.lastSeqUntil(chainId, to);
        if (first.isEmpty() || last.isEmpty() || first.getAsLong() > last.getAsLong()) {
            ChainReport.Break truncated = head == null || head.seq() == 0
                    ? null
                    : new ChainCheck(log.keys(), json, 1, ChainHash.GENESIS, head).finish();
            return new ChainReport(
                    from, to, null, null, 0, truncated == null, truncated, chainId, keyed, head, unshipped);
        }
        long firstSeq = first.getAsLong();
        long lastSeq = last.getAsLong();
        String previous;
        if (firstSeq == 1) {
            previous = ChainHash.GENESIS;
        } else if (from == null) {
            // The whole chain was asked for and it does not start at 1: its oldest records were deleted.
            return report(from, to, firstSeq, lastSeq, 0, ChainCheck.missing(1), chainId, keyed, head, unshipped);
        } else {
            Optional<AuditRecord> anchor = repository.at(chainId, firstSeq - 1);
            if (anchor.isEmpty()) {
                return report(
                        from,
                        to,
                        firstSeq,
                        lastSeq,
                        0,
                        ChainCheck.missing(firstSeq - 1),
                        chainId,
                        keyed,
                        head,
                        unshipped);
            }
            previous = anchor.get().hash();
        }
        ChainCheck check = new ChainCheck(log.keys(), json, firstSeq, previous, head);
        long next = firstSeq;
        while (next <= lastSeq) {
            List<AuditRecord> page = repository.seqRange(chainId, next - 1, lastSeq);
            if (page.isEmpty()) {
                return report(
                        from,
                        to,
                        firstSeq,
                        lastSeq,
                        check.checked(),
                        ChainCheck.missing(next),
                        chainId,
                        keyed,
                        head,
                        unshipped);
            }
            long pageLast = page.get(page.size() - 1).seq();
            Map<Long, Checkpoint> checkpoints = repository.checkpoints(chainId, next, pageLast);
            Map<Long, List<String>> indexed = repository.indexedRules(chainId, next, pageLast);
            for (AuditRecord record : page) {
                ChainReport.Break broken = check.accept(
                        record, indexed.getOrDefault(record.seq(), List.of()), checkpoints.get(record.seq()));
                if (broken != null) {
                    return report(
                            from, to, firstSeq, lastSeq, check.checked(), broken, chainId, keyed, head, unshipped);
                }
            }
            next = pageLast + 1;
        }
        ChainReport.Break end = to == null ? check.finish() : null;
        return report(from, to, firstSeq, lastSeq, check.checked(), end, chainId, keyed, head, unshipped);
    }

    // The newest head known outside the database; one beyond what this instance has shipped is not expected yet.
    private ChainReport.ExpectedHead expectedHead(String chainId, ChainReport.ExpectedHead given) {
        if (given != null) {
            return given;
        }
        Optional<AuditLog.Chain> live = log.chainsNow().stream()
                .filter(c -> c.writer().chainId().equals(chainId))
                .findFirst();
        Optional<ChainReport.ExpectedHead> fromFile = Optional.empty();
        try {
            fromFile = new HeadFile(HeadFile.of(log.dataDir(), chainId), false)
                    .last(chainId)
                    .map(c -> new ChainReport.ExpectedHead(c.seq(), c.hash(), "head file"));
        } catch (IOException e) {
            // an unreadable head file is no head: the journal's may still be there
        }
        Optional<ChainReport.ExpectedHead> fromJournal = live.flatMap(
                        c -> c.writer().shippedHead())
                .map(r -> new ChainReport.ExpectedHead(r.seq(), r.hash(), "journal"));
        // A head beyond what reached the database is no truncation while the journal still holds the records.
        boolean pending = live.map(c -> c.writer().journalHoldsAfter(c.writer().shippedSeq()))
                .orElse(false);
        long shipped = live.map(c -> c.writer().shippedSeq()).orElse(Long.MAX_VALUE);
        return Stream.of(fromFile, fromJournal)
                .flatMap(Optional::stream)
                .filter(h -> !pending || h.seq() <= shipped)
                .max(Comparator.comparingLong(ChainReport.ExpectedHead::seq))
                .orElse(null);
    }

    private long unshipped(String chainId) {
        return log.chainsNow().stream()
                .filter(c -> c.writer().chainId().equals(chainId))
                .mapToLong(c -> c.writer().backlog().records())
                .sum();
    }

    private static ChainReport report(
            Instant from,
            Instant to,
            long firstSeq,
            long lastSeq,
            long checked,
            ChainReport.Break broken,
            String chainId,
            boolean keyed,
            ChainReport.ExpectedHead head,
            long unshipped) {
        return new ChainReport(
                from, to, firstSeq, lastSeq, checked, broken == null, broken, chainId, keyed, head, unshipped);
    }
}
