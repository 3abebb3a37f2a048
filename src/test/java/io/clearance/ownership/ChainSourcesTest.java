package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.evidence.FindingEvidence;
import io.clearance.ownership.evidence.PathEvidence;
import io.clearance.ownership.graph.GraphLoader;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.ownership.graph.StakeSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every chain of a finding's evidence names the source of each stake it runs through, for both semantics and
 * when a long chain is cut; a stake typed through the API names none, so a registry typed by hand keeps the
 * shape of its evidence.
 */
class ChainSourcesTest {

    // 20%: passed by extension (60% at each hop) and through look-through (21.6% at the end of the chain).
    private static final RestrictionCriteria OVER_20 = new RestrictionCriteria(
            Set.of("CN"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("20"),
            Comparison.GREATER_THAN);
    private static final StakeSource GLEIF = new StakeSource("gleif", "de/IS_DIRECTLY_CONSOLIDATED_BY/cn", null);
    private static final StakeSource BODS = new StakeSource("bods", "rel-at-de", LocalDate.of(2025, 3, 1));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** cn -60% (gleif)-> de -60% (bods)-> at -60% (typed)-> it, loaded as an import loads it. */
    private static OwnershipGraph graph() {
        OwnershipGraph graph = new OwnershipGraph();
        GraphLoader loader = graph.loader();
        for (String[] party : new String[][] {{"cn", "CN"}, {"de", "DE"}, {"at", "AT"}, {"it", "IT"}}) {
            loader.party(new PartyInfo(party[0], "Company " + party[0], PartyKind.COMPANY, party[1], null));
        }
        loader.stake("de", "cn", StakeTerms.exact(Share.fromPercent("60")), GLEIF);
        loader.stake("at", "de", StakeTerms.exact(Share.fromPercent("60")), BODS);
        loader.stake("it", "at", StakeTerms.exact(Share.fromPercent("60")), null);
        loader.commit();
        return graph;
    }

    private static Finding find(OwnershipGraph graph, Semantics semantics, String party) {
        FindingService.Finder finder =
                new FindingService(graph).prepare(List.of(new Measure("over-20", semantics, OVER_20)), null);
        return graph.read(() -> finder.find(List.of(graph.party(party).orElseThrow())))
                .get(0);
    }

    /** The source each hop of the first chain names, as the JSON says it; "-" for none. */
    private static List<String> hopSources(FindingEvidence evidence) {
        List<String> sources = new ArrayList<>();
        for (JsonNode hop : JSON.valueToTree(evidence).path("paths").path(0).path("parties")) {
            JsonNode source = hop.path("source");
            sources.add(
                    source.isMissingNode()
                            ? "-"
                            : source.path("source").asText() + " "
                                    + source.path("recordId").asText()
                                    + (source.has("asOf")
                                            ? " " + source.path("asOf").asText()
                                            : ""));
        }
        return sources;
    }

    @Test
    void eachHopOfAChainNamesTheSourceOfItsStake() {
        OwnershipGraph graph = graph();
        for (Semantics semantics : Semantics.values()) {
            Finding finding = find(graph, semantics, "it");
            assertEquals(true, finding.exceeded(), semantics + ": 60% of 60% of 60% from a CN seed");
            assertEquals(
                    List.of("-", "gleif de/IS_DIRECTLY_CONSOLIDATED_BY/cn", "bods rel-at-de 2025-03-01", "-"),
                    hopSources(finding.evidence()),
                    semantics.toString());
        }
    }

    @Test
    void aCutChainNamesTheSourceOfTheStakeAfterTheGap() {
        Finding finding = find(graph(), Semantics.RESTRICTED_BY_EXTENSION, "it");
        PathEvidence path =
                finding.evidence(new EvidenceLimits(16, 1_000, 2)).paths().get(0);
        assertEquals(
                List.of("cn", "at", "it"),
                path.parties().stream().map(PathEvidence.Hop::partyId).toList());
        assertEquals("bods", path.parties().get(1).source().source(), "at receives the stake de holds, from bods");
        assertEquals(null, path.parties().get(2).source());
    }

    @Test
    void chainsOfTypedStakesKeepTheirShapeAndTheirFinding() {
        OwnershipGraph graph = new OwnershipGraph();
        new GraphFixture(graph)
                .company("cn", "CN")
                .company("de", "DE")
                .company("at", "AT")
                .holds("cn", "60", "de")
                .holds("de", "60", "at");
        for (Semantics semantics : Semantics.values()) {
            Finding finding = find(graph, semantics, "at");
            assertEquals(List.of("-", "-", "-"), hopSources(finding.evidence()));
            assertFalse(JSON.valueToTree(finding.evidence()).toString().contains("\"source\""));
            assertSame(
                    finding.lower(),
                    finding.upper(),
                    "exact stakes: one bound, and the lookup of sources keeps it one");
        }
    }
}
