package io.clearance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipPictureTest {

    // The evidence of the README's example: Dragon Peak (CN) -60%-> Lion City (SG) -60%-> Spree Analytics (DE).
    static final String EVIDENCE = """
            {"test":"majority","party":{"partyId":"spree-analytics","name":"Spree Analytics GmbH","kind":"COMPANY","country":"DE"},
             "restrictedShare":60,"comparison":">","threshold":50,"exceeded":true,
             "restrictedOwners":[{"partyId":"lion-city-holdings","name":"Lion City Holdings Pte. Ltd.","country":"SG","percent":60,
               "restrictedAs":"extension","restrictedShare":60,
               "restrictedOwners":[{"partyId":"dragon-holdings","name":"Dragon Peak Holdings Co., Ltd.","country":"CN","percent":60,"restrictedAs":"seed"}]},
               {"partyId":"minor-owner","name":"Minor & Sons <Ltd>","country":"RU","percent":5,"restrictedAs":"seed"}],
             "paths":[{"contribution":60,"parties":[
               {"partyId":"dragon-holdings","name":"Dragon Peak Holdings Co., Ltd.","country":"CN"},
               {"partyId":"lion-city-holdings","name":"Lion City Holdings Pte. Ltd.","country":"SG","percent":60},
               {"partyId":"spree-analytics","name":"Spree Analytics GmbH","country":"DE","percent":60}]}]}
            """;

    @Test
    void drawsEveryPartyStakeAndTheAggregateAndMarksThePath() throws Exception {
        JsonNode finding = new ObjectMapper().readTree(EVIDENCE);
        String svg = OwnershipPicture.svg(finding);
        assertTrue(svg.startsWith("<svg"), svg);
        for (String party : List.of("spree-analytics", "lion-city-holdings", "dragon-holdings", "minor-owner")) {
            assertTrue(svg.contains("data-party=\"" + party + "\""), party);
        }
        assertTrue(svg.contains("class=\"party seed\" data-party=\"dragon-holdings\""));
        assertTrue(svg.contains("class=\"party extension\" data-party=\"lion-city-holdings\""));
        assertTrue(svg.contains(">60%</text>"));
        assertTrue(svg.contains(">5%</text>"));
        // the two path edges are highlighted, the 5% stake is not
        assertEquals(2, svg.split("class=\"stake on-path\"", -1).length - 1);
        assertEquals(1, svg.split("class=\"stake\"", -1).length - 1);
        assertTrue(svg.contains("Restricted owners hold 60% of Spree Analytics GmbH</text>"), svg);
        assertTrue(svg.contains("threshold &gt; 50%: exceeded"), svg);
        assertTrue(svg.contains("Minor &amp; Sons &lt;Ltd&gt;"), "names are escaped");
    }

    @Test
    void findsFindingsWhereverTheRulePutThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode finding = json.readTree(EVIDENCE);
        JsonNode nested = json.readTree("{\"subject\":{},\"ownership\":[" + EVIDENCE + "," + EVIDENCE + "]}");
        assertEquals(1, OwnershipPicture.findings(finding).size());
        assertEquals(2, OwnershipPicture.findings(nested).size());
        assertEquals(
                0,
                OwnershipPicture.findings(json.readTree("{\"jurisdiction\":\"CN\"}"))
                        .size());
    }

    /** Today's evidence names its semantics: a finding is known by it, not by the keys it happens to have. */
    @Test
    void findingsAreKnownByTheirSemantics() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String extension = EVIDENCE.replace(
                "{\"test\":\"majority\",", "{\"test\":\"majority\",\"semantics\":\"restricted-by-extension\",");
        String lookThrough =
                EVIDENCE.replace("{\"test\":\"majority\",", "{\"test\":\"indirect\",\"semantics\":\"look-through\",");
        JsonNode both = json.readTree("{\"ownership\":[" + extension + "," + lookThrough + "]}");
        List<JsonNode> found = OwnershipPicture.findings(both);
        assertEquals(1, found.size());
        assertEquals("majority", found.get(0).path("test").asText());
    }
}
