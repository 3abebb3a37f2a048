package io.clearance.ownership.evidence;

import io.clearance.domain.Share;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The restricted owners of a proof as evidence, level by level from the party decided on, within {@link
 * EvidenceLimits}: at most {@code maxDepth} levels and {@code maxOwners} owners. Where the proof is cut, the
 * owner (or the finding) that lost owners says {@code "truncated": true} and {@code "ownersLeftOut"}: how
 * many proof nodes beneath it are not shown.
 *
 * <p>Iterative, breadth first: a chain of 100,000 holdings is a proof 100,000 deep, and a per-hop recursion
 * would overflow the thread's stack; breadth first also spends the budget on the owners nearest the party.
 * The shown tree is at most {@link EvidenceLimits#DEEPEST} levels deep, so turning it into records afterwards
 * may recurse.
 *
 * @param owners the rendered direct restricted owners, largest stake first, each with its own
 * @param leftOut proof nodes not shown anywhere in the tree
 */
record ProofEvidence(List<OwnerEvidence> owners, long leftOut) {

    /** An owner being shown, while the walk may still add its owners or mark it cut. */
    private static final class Shown {
        final RestrictedOwner owner;
        List<Shown> children; // null: its owners are not shown (seed, shown above, cut by depth)
        long cut; // proof nodes above it left out; 0: none

        Shown(RestrictedOwner owner) {
            this.owner = owner;
        }

        OwnerEvidence freeze() {
            OwnerEvidence.Terms terms = OwnerEvidence.Terms.of(owner.terms());
            List<OwnerEvidence> owners = null;
            if (children != null) {
                owners = new ArrayList<>(children.size());
                for (Shown child : children) {
                    owners.add(child.freeze());
                }
            }
            boolean seed = owner.seed();
            return new OwnerEvidence(
                    owner.party().id(),
                    owner.party().name(),
                    owner.party().kind().name(),
                    owner.party().country(),
                    Share.toPercent(owner.stake()),
                    terms.range(),
                    terms.control(),
                    terms.validFrom(),
                    terms.validTo(),
                    OwnerEvidence.Source.of(owner.source()),
                    seed ? "seed" : "extension",
                    seed ? null : Share.toPercent(owner.restrictedShare()),
                    !seed && owner.shownAbove() ? Boolean.TRUE : null,
                    owners == null ? null : List.copyOf(owners),
                    cut > 0 ? Boolean.TRUE : null,
                    cut > 0 ? cut : null);
        }
    }

    /** A proof node waiting to be shown among {@code siblings}; {@code parent} null at the top. */
    private record Pending(RestrictedOwner owner, Shown parent, List<Shown> siblings, int depth) {}

    static ProofEvidence of(List<RestrictedOwner> top, EvidenceLimits limits) {
        List<Shown> shownTop = new ArrayList<>(Math.min(top.size(), limits.maxOwners()));
        ArrayDeque<Pending> queue = new ArrayDeque<>();
        for (RestrictedOwner owner : top) {
            queue.add(new Pending(owner, null, shownTop, 1));
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
                    pending.parent().cut += cut;
                }
                continue;
            }
            shown++;
            Shown node = new Shown(owner);
            pending.siblings().add(node);
            if (owner.seed() || owner.shownAbove() || owner.owners().isEmpty()) {
                continue;
            }
            if (pending.depth() == limits.maxDepth()) {
                long cut = nodesBeneath(owner);
                leftOut += cut;
                node.cut += cut;
                continue;
            }
            node.children = new ArrayList<>(owner.owners().size());
            for (RestrictedOwner child : owner.owners()) {
                queue.add(new Pending(child, node, node.children, pending.depth() + 1));
            }
        }
        List<OwnerEvidence> owners = new ArrayList<>(shownTop.size());
        for (Shown node : shownTop) {
            owners.add(node.freeze());
        }
        return new ProofEvidence(List.copyOf(owners), leftOut);
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
