package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.RestrictedOwner;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A proof as deep as the registry: a 10,000-hop chain of majority stakes is proved down to its seed on a
 * thread with a small stack, so neither the proof tree nor the path search may recurse per hop.
 */
class DeepChainTest {

    private static final int HOPS = 10_000;

    @Test
    void tenThousandHopsAreProvedOnASmallStack() throws InterruptedException {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("p0", "Seed", PartyKind.COMPANY, "CN", null));
        for (int i = 1; i <= HOPS; i++) {
            graph.putParty(new PartyInfo("p" + i, "Link " + i, PartyKind.COMPANY, "DE", null));
            graph.putStake("p" + i, "p" + (i - 1), Share.fromPercent("51"));
        }
        RestrictionCriteria criteria = new RestrictionCriteria(
                Set.of("CN"),
                EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
                Share.fromPercent("50"),
                Comparison.GREATER_THAN);
        RestrictedByExtension walk = new RestrictedByExtension(graph, criteria).prepare(Bound.LOWER);

        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(walk.evaluate("p" + HOPS));
                    } catch (Throwable failure) {
                        outcome.set(failure);
                    }
                },
                "small-stack",
                256 * 1024);
        small.start();
        small.join();

        assertTrue(outcome.get() instanceof ExtensionFinding, () -> "evaluation failed: " + outcome.get());
        ExtensionFinding finding = (ExtensionFinding) outcome.get();
        assertTrue(finding.exceeded());
        assertEquals(1, finding.paths().size());
        assertEquals(HOPS + 1, finding.paths().get(0).parties().size());
        assertEquals("p0", finding.paths().get(0).parties().get(0).id());
        int depth = 0;
        for (List<RestrictedOwner> level = finding.owners();
                !level.isEmpty();
                level = level.get(0).owners()) {
            depth++;
            assertEquals(1, level.size());
        }
        assertEquals(HOPS, depth, "the proof tree reaches down to the seed");
    }
}
