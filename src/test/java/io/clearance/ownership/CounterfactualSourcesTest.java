package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
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
 * The stakes a counterfactual names (the single removals that would lift a restriction) name their source,
 * record and as-of date as the hops of a chain do, under both semantics; a stake typed through the API names
 * none, and the evidence keeps its shape.
 */
class CounterfactualSourcesTest {

    private static final RestrictionCriteria OVER_20 = new RestrictionCriteria(
            Set.of("CN"),
            EnumSet.of(PartyKind.COMPANY, PartyKind.GOVERNMENT, PartyKind.UNIVERSITY),
            Share.fromPercent("20"),
            Comparison.GREATER_THAN);
    private static final StakeSource GLEIF =
            new StakeSource("gleif", "de/IS_DIRECTLY_CONSOLIDATED_BY/cn", LocalDate.of(2026, 10, 1));
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

    private static JsonNode counterfactual(OwnershipGraph graph, Semantics semantics, String party) {
        FindingService.Finder finder =
                new FindingService(graph).prepare(List.of(new Measure("over-20", semantics, OVER_20)), null);
        Finding finding = graph.read(
                        () -> finder.find(List.of(graph.party(party).orElseThrow())))
                .get(0);
        assertTrue(finding.exceeded(), semantics + " " + party);
        return JSON.valueToTree(finding.evidence()).path("counterfactual");
    }

    /** "owner>owned source record asOf" for each removal, "owner>owned -" for a typed stake. */
    private static List<String> removalSources(JsonNode counterfactual) {
        List<String> sources = new ArrayList<>();
        for (JsonNode removal : counterfactual.path("singleStakeRemovals")) {
            JsonNode source = removal.path("source");
            String stake = removal.path("owner").path("partyId").asText() + ">"
                    + removal.path("owned").path("partyId").asText();
            sources.add(
                    source.isMissingNode()
                            ? stake + " -"
                            : stake + " " + source.path("source").asText() + " "
                                    + source.path("recordId").asText() + " "
                                    + source.path("asOf").asText());
        }
        return sources;
    }

    @Test
    void aDirectStakeFromAnImportNamesItsSourceUnderBothSemantics() {
        OwnershipGraph graph = graph();
        for (Semantics semantics : Semantics.values()) {
            assertEquals(
                    List.of("cn>de gleif de/IS_DIRECTLY_CONSOLIDATED_BY/cn 2026-10-01"),
                    removalSources(counterfactual(graph, semantics, "de")),
                    semantics.toString());
        }
    }

    @Test
    void eachStakeOfAChainTheCounterfactualNamesCarriesItsOwnSource() {
        List<String> sources = removalSources(counterfactual(graph(), Semantics.RESTRICTED_BY_EXTENSION, "it"));
        assertEquals(3, sources.size(), sources::toString);
        assertTrue(sources.contains("cn>de gleif de/IS_DIRECTLY_CONSOLIDATED_BY/cn 2026-10-01"), sources::toString);
        assertTrue(sources.contains("de>at bods rel-at-de 2025-03-01"), sources::toString);
        assertTrue(sources.contains("at>it -"), "a typed stake names no source: " + sources);
    }

    @Test
    void typedStakesNameNoSource() {
        OwnershipGraph graph = new OwnershipGraph();
        new GraphFixture(graph).company("cn", "CN").company("de", "DE").holds("cn", "60", "de");
        for (Semantics semantics : Semantics.values()) {
            JsonNode counterfactual = counterfactual(graph, semantics, "de");
            assertEquals(List.of("cn>de -"), removalSources(counterfactual), semantics.toString());
            assertFalse(counterfactual.toString().contains("\"source\""), counterfactual::toString);
        }
    }
}
