package io.clearance.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.ownership.Comparison;
import io.clearance.ownership.Finding;
import io.clearance.ownership.FindingService;
import io.clearance.ownership.Measure;
import io.clearance.ownership.RestrictionCriteria;
import io.clearance.ownership.Semantics;
import io.clearance.ownership.graph.OwnershipGraph;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evidence rules build reads as the maps it replaces did: keys in the order written, finding fields first. */
class EvidenceTest {

    /** As the API's mapper writes: nulls left out, decimals plain, accessors through Blackbird. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new BlackbirdModule())
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final RestrictionCriteria MAJORITY = new RestrictionCriteria(
            Set.of("CN"), EnumSet.of(PartyKind.COMPANY), Share.fromPercent("50"), Comparison.GREATER_THAN, 0, false);

    @Test
    void writtenEvidenceKeepsTheOrderWrittenAndLeavesOutNulls() throws Exception {
        Evidence evidence = Evidence.of("b", 1, "a", "x", "gone", null);
        assertEquals("{\"b\":1,\"a\":\"x\"}", JSON.writeValueAsString(evidence));
        assertEquals("{\"b\":1,\"a\":\"x\",\"c\":true}", JSON.writeValueAsString(Evidence.with(evidence, "c", true)));
        assertEquals("{\"b\":2,\"a\":\"x\"}", JSON.writeValueAsString(Evidence.with(evidence, "b", 2)));
    }

    @Test
    void noEvidenceIsAnEmptyObject() throws Exception {
        assertEquals("{}", JSON.writeValueAsString(Evidence.none()));
        assertEquals("{}", JSON.writeValueAsString(Deny.because("x", null).getEvidence()));
    }

    @Test
    void aFindingExtendedByARuleReadsAsItsFieldsThenTheRulesEntries() throws Exception {
        Evidence finding = new OwnershipFinding(finding()).evidence();
        ObjectNode expected = (ObjectNode) JSON.readTree(JSON.writeValueAsString(finding));
        expected.putArray("ownership").add(JSON.readTree(JSON.writeValueAsString(finding)));
        expected.put("test", "replaced in place");

        Evidence extended =
                Evidence.with(Evidence.with(finding, "ownership", List.of(finding)), "test", "replaced in place");

        assertEquals(expected.toString(), JSON.writeValueAsString(extended));
        assertEquals(
                "test",
                JSON.readTree(JSON.writeValueAsString(extended)).fieldNames().next(),
                "in the finding's place");
    }

    @Test
    void aRuleKeyNamingAnAbsentFindingFieldGoesAtTheEnd() throws Exception {
        Evidence finding = new OwnershipFinding(finding()).evidence();
        ObjectNode expected = (ObjectNode) JSON.readTree(JSON.writeValueAsString(finding));
        expected.put("truncated", "said by the rule");

        assertEquals(
                expected.toString(), JSON.writeValueAsString(Evidence.with(finding, "truncated", "said by the rule")));
    }

    private static Finding finding() {
        OwnershipGraph graph = new OwnershipGraph();
        graph.putParty(new PartyInfo("cn", "CN Co", PartyKind.COMPANY, "CN", null));
        graph.putParty(new PartyInfo("de", "DE Co", PartyKind.COMPANY, "DE", null));
        graph.putStake("de", "cn", StakeTerms.exact(Share.fromPercent("60")));
        FindingService.Finder finder = new FindingService(graph)
                .prepare(List.of(new Measure("majority", Semantics.RESTRICTED_BY_EXTENSION, MAJORITY)), null);
        PartyInfo de = graph.party("de").orElseThrow();
        return graph.read(() -> finder.find(List.of(de))).get(0);
    }
}
