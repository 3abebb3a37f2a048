package io.clearance.audit;

import java.util.List;

/**
 * The outcome of verifying the audit log: every chain the database holds (one per instance that ever wrote
 * decisions, and the chains written before instances had ids), each with its own {@link ChainReport}.
 *
 * @param intact {@code true} when every chain is
 * @param checked the records checked, over all chains
 * @param firstBroken the first broken link of the first chain (in chain id order) that has one, naming the chain
 * @param unshipped records this instance answered that are still only in its journal
 * @param chains one report per chain, in chain id order
 */
public record AuditVerification(
        boolean intact, long checked, BrokenLink firstBroken, long unshipped, List<ChainReport> chains) {

    /** Gathers the reports of several chains. */
    public static AuditVerification of(List<ChainReport> chains) {
        BrokenLink first = chains.stream()
                .filter(c -> !c.intact())
                .findFirst()
                .map(c -> BrokenLink.of(c.chainId(), c.firstBroken()))
                .orElse(null);
        return new AuditVerification(
                first == null,
                chains.stream().mapToLong(ChainReport::checked).sum(),
                first,
                chains.stream().mapToLong(ChainReport::unshipped).sum(),
                List.copyOf(chains));
    }

    /** A {@link ChainReport.Break} with the chain it is in. */
    public record BrokenLink(
            String chainId,
            long seq,
            String decisionId,
            String problem,
            String message,
            String expected,
            String found) {

        static BrokenLink of(String chainId, ChainReport.Break b) {
            return new BrokenLink(chainId, b.seq(), b.decisionId(), b.problem(), b.message(), b.expected(), b.found());
        }
    }
}
