package io.clearance.ownership.evidence;

import io.clearance.domain.Share;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The restricted owners of a proof as evidence, level by level from the party decided on, within {@link
 * EvidenceLimits}: at most {@code maxDepth} levels and {@code maxOwners} owners. Where the proof is cut, the
 * owner (or the finding) that lost owners says {@code "truncated": true} and {@code "ownersLeftOut"}: how
 * many proof nodes beneath it are not shown.
 *
 * <p>Iterative, breadth first: a chain of 100,000 holdings is a proof 100,000 deep, and a per-hop recursion
 * would overflow the thread's stack; breadth first also spends the budget on the owners nearest the party.
 *
 * @param owners the rendered direct restricted owners, largest stake first, each with its own
 * @param leftOut proof nodes not shown anywhere in the tree
 */
record ProofEvidence(List<Map<String, Object>> owners, long leftOut) {

    /** A proof node waiting to be rendered into {@code siblings}; {@code parent} null at the top. */
    private record Pending(
            RestrictedOwner owner, Map<String, Object> parent, List<Map<String, Object>> siblings, int depth) {}

    static ProofEvidence of(List<RestrictedOwner> top, EvidenceLimits limits) {
        List<Map<String, Object>> rendered = new ArrayList<>(Math.min(top.size(), limits.maxOwners()));
        ArrayDeque<Pending> queue = new ArrayDeque<>();
        for (RestrictedOwner owner : top) {
            queue.add(new Pending(owner, null, rendered, 1));
        }
        int shown = 0;
        long leftOut = 0;
        while (!queue.isEmpty()) {
            Pending pending = queue.poll();
            RestrictedOwner owner = pending.owner();
            if (shown == limits.maxOwners()) {
                long cut = 1 + nodesBeneath(owner);
                leftOut += cut;
                if (pending.parent() != null) {
                    markCut(pending.parent(), cut);
                }
                continue;
            }
            shown++;
            Map<String, Object> map = owner(owner);
            pending.siblings().add(map);
            if (owner.seed() || owner.shownAbove() || owner.owners().isEmpty()) {
                continue;
            }
            if (pending.depth() == limits.maxDepth()) {
                long cut = nodesBeneath(owner);
                leftOut += cut;
                markCut(map, cut);
                continue;
            }
            List<Map<String, Object>> children = new ArrayList<>(owner.owners().size());
            map.put("restrictedOwners", children);
            for (RestrictedOwner child : owner.owners()) {
                queue.add(new Pending(child, map, children, pending.depth() + 1));
            }
        }
        return new ProofEvidence(List.copyOf(rendered), leftOut);
    }

    /** One owner without its own owners: party, stake, terms and why it is restricted. */
    private static Map<String, Object> owner(RestrictedOwner owner) {
        Map<String, Object> rendered = FindingEvidence.party(owner.party());
        rendered.put("percent", Share.toPercent(owner.stake()));
        FindingEvidence.terms(owner.terms(), rendered);
        if (owner.seed()) {
            rendered.put("restrictedAs", "seed");
        } else {
            rendered.put("restrictedAs", "extension");
            rendered.put("restrictedShare", Share.toPercent(owner.restrictedShare()));
            if (owner.shownAbove()) {
                rendered.put("shownAbove", true);
            }
            // Owners are added by the caller, and only when the finding built its proof (not below the threshold).
        }
        return rendered;
    }

    private static void markCut(Map<String, Object> owner, long cut) {
        owner.put("truncated", true);
        owner.merge("ownersLeftOut", cut, (a, b) -> (Long) a + (Long) b);
    }

    /** The proof nodes below {@code owner}, counted without recursion. */
    static long nodesBeneath(RestrictedOwner owner) {
        long count = 0;
        ArrayDeque<RestrictedOwner> stack = new ArrayDeque<>(owner.owners());
        while (!stack.isEmpty()) {
            RestrictedOwner next = stack.pop();
            count++;
            for (RestrictedOwner above : next.owners()) {
                stack.push(above);
            }
        }
        return count;
    }
}
