package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.audit.OwnershipPicture;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.ExtensionFinding;
import io.clearance.ownership.evidence.FindingEvidence;
import io.clearance.ownership.evidence.RestrictedOwner;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.index.RestrictedByExtension;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proof as deep as the registry: a 100,000-hop chain of majority stakes is proved down to its seed on a
 * thread with a small stack, so neither the proof tree, the path search, the look-through budget check, the
 * counterfactual, the evidence nor the audit picture may recurse per hop; and the evidence is cut, saying so.
 */
class DeepChainTest {

    private static final int HOPS = 100_000;
    private static final int SMALL_STACK = 256 * 1024;
    private static final RestrictionCriteria MAJORITY = new RestrictionCriteria(
            Set.of("CN"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("50"),
            Comparison.GREATER_THAN);
    private static final RestrictionCriteria LOOK_THROUGH = new RestrictionCriteria(
            Set.of("CN"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("25"),
            Comparison.AT_LEAST);

    private static OwnershipGraph graph;

    @BeforeAll
    static void chain() {
        graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("p0", "Seed", PartyKind.COMPANY, "CN", null));
        for (int i = 1; i <= HOPS; i++) {
            graph.putParty(new PartyInfo("p" + i, "Link " + i, PartyKind.COMPANY, "DE", null));
            graph.putStake("p" + i, "p" + (i - 1), Share.fromPercent("51"));
        }
    }

    @Test
    void aHundredThousandHopsAreProvedOnASmallStack() throws Exception {
        RestrictedByExtension walk = new RestrictedByExtension(graph, MAJORITY).prepare(Bound.LOWER);

        ExtensionFinding finding = onSmallStack(() -> walk.evaluate("p" + HOPS));

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

    @Test
    void theEvidenceOfAHundredThousandHopsIsCutAndSaysWhatItLeftOut() throws Exception {
        FindingService.Finder finder = new FindingService(graph)
                .prepare(
                        List.of(
                                new Measure("majority", Semantics.RESTRICTED_BY_EXTENSION, MAJORITY),
                                new Measure("indirect", Semantics.LOOK_THROUGH, LOOK_THROUGH)),
                        null);
        PartyInfo bottom = graph.party("p" + HOPS).orElseThrow();
        ObjectMapper json = new ObjectMapper();

        JsonNode evidence = onSmallStack(() -> {
            List<Finding> findings = graph.read(() -> finder.find(List.of(bottom)));
            List<FindingEvidence> rendered = findings.stream()
                    .map(f -> f.evidence(EvidenceLimits.DEFAULT))
                    .toList();
            // Serialised and read back as the answer and the audit record are: within JSON's nesting limits.
            return json.readTree(json.writeValueAsString(rendered));
        });

        JsonNode majority = evidence.get(0);
        assertTrue(majority.path("exceeded").asBoolean(), "the verdict is exact: the seed is 100,000 hops up");
        assertTrue(majority.path("truncated").asBoolean());
        int shown = 0;
        JsonNode cut = null;
        for (JsonNode level = majority.path("restrictedOwners"); level.size() > 0; ) {
            shown++;
            cut = level.get(0);
            level = cut.path("restrictedOwners");
        }
        assertEquals(EvidenceLimits.DEFAULT.maxDepth(), shown);
        assertTrue(cut.path("truncated").asBoolean());
        assertEquals(HOPS - shown, cut.path("ownersLeftOut").asLong());
        assertEquals(HOPS - shown, majority.path("ownersLeftOut").asLong());

        JsonNode path = majority.path("paths").get(0);
        int hopsShown = EvidenceLimits.DEFAULT.maxPathHops() + 1;
        assertEquals(hopsShown, path.path("parties").size());
        assertEquals("p0", path.path("parties").get(0).path("partyId").asText(), "the seed end is shown");
        assertEquals(
                "p" + HOPS,
                path.path("parties").get(hopsShown - 1).path("partyId").asText(),
                "the party's end is shown");
        assertEquals(HOPS + 1 - hopsShown, path.path("hopsLeftOut").asLong());
        assertTrue(path.path("text").asText().contains("… " + (HOPS + 1 - hopsShown) + " parties left out …"));

        JsonNode counterfactual = majority.path("counterfactual");
        assertTrue(counterfactual.path("removalsTruncated").asBoolean(), "too many ancestors: direct stakes only");
        assertEquals(1, counterfactual.path("singleStakeRemovals").size());

        JsonNode lookThrough = evidence.get(1);
        assertFalse(lookThrough.path("exact").asBoolean(true), "beyond the exact solver: a lower bound, said so");

        String svg = onSmallStack(
                () -> OwnershipPicture.svg(OwnershipPicture.findings(evidence).get(0)));
        assertTrue(svg.contains("proof cut: " + (HOPS - shown) + " owners above"));
        assertTrue(svg.contains((HOPS + 1 - hopsShown) + " parties left out"));
    }

    /** Runs {@code work} on a thread whose stack a per-hop recursion would overflow long before the seed. */
    private static <T> T onSmallStack(Callable<T> work) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(work.call());
                    } catch (Throwable failure) {
                        outcome.set(failure);
                    }
                },
                "small-stack",
                SMALL_STACK);
        small.start();
        small.join();
        if (outcome.get() instanceof Throwable failure) {
            throw new AssertionError("failed on a small stack", failure);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome.get();
        return result;
    }
}
