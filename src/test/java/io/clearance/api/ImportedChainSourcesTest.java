package io.clearance.api;

import static io.clearance.api.ApiTestSupport.decide;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * A chain through stakes from two imported sources: GLEIF says the Paris branch is its Chinese head office's
 * (100%), BODS says the branch holds 60% of a Lyon company, and BODS also says the head office holds 30% of
 * the branch, which GLEIF, first by the default precedence, outranks. The decision on the Lyon company names
 * the source of each hop's stake, the one precedence kept; the audit log reads it back and its page says it.
 */
@QuarkusTest
class ImportedChainSourcesTest {

    static final String HEAD_OFFICE = "5493020SRCDRAGON0043";
    static final String BRANCH = "5493021SRCPARISBR087";
    static final String LYON = "ent-src-lyon";

    @Test
    void eachHopOfTheChainNamesTheSourceItsStakeCameFrom() throws Exception {
        assertEquals(
                "succeeded",
                ImportResourceTest.imported("gleif-lei-csv", "sources/lei.csv").getString("status"));
        assertEquals(
                "succeeded",
                ImportResourceTest.imported("gleif-rr-csv", "sources/rr.csv").getString("status"));
        JsonPath bods = ImportResourceTest.imported("bods", "sources/bods.jsonl");
        assertEquals("succeeded", bods.getString("status"), bods::prettify);
        // The head office, the branch and the stake between them, each stated by GLEIF first.
        assertEquals(3, bods.getInt("report.kept.'kept from gleif'"), bods::prettify);

        String path = "reasons[0].evidence.paths[0].parties";
        String id = decide(LYON)
                .body("decision", equalTo("DENY"))
                .body(path + ".partyId", contains(HEAD_OFFICE, BRANCH, LYON))
                .body(path + "[0].source", equalTo(null))
                .body(path + "[1].percent", equalTo(100))
                .body(path + "[1].source.source", equalTo("gleif"))
                .body(path + "[1].source.recordId", equalTo(BRANCH + "/IS_INTERNATIONAL_BRANCH_OF/" + HEAD_OFFICE))
                .body(path + "[1].source.asOf", equalTo("2026-10-01"))
                .body(path + "[2].source.source", equalTo("bods"))
                .body(path + "[2].source.recordId", equalTo("rel-lyon-paris"))
                .extract()
                .path("decisionId");

        // The stakes whose removal alone would lift the restriction name where they came from, as the hops do.
        String removals = "reasons[0].evidence.counterfactual.singleStakeRemovals";
        String headOffice = removals + ".find { it.owner.partyId == '" + HEAD_OFFICE + "' }.source";
        String branch = removals + ".find { it.owner.partyId == '" + BRANCH + "' }.source";
        decide(LYON)
                .body(headOffice + ".source", equalTo("gleif"))
                .body(headOffice + ".recordId", equalTo(BRANCH + "/IS_INTERNATIONAL_BRANCH_OF/" + HEAD_OFFICE))
                .body(headOffice + ".asOf", equalTo("2026-10-01"))
                .body(branch + ".source", equalTo("bods"))
                .body(branch + ".recordId", equalTo("rel-lyon-paris"));

        given().get("/v1/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .body("answer." + path + ".partyId", contains(HEAD_OFFICE, BRANCH, LYON))
                .body("answer." + path + "[0].source", equalTo(null))
                .body("answer." + path + "[1].source.source", equalTo("gleif"))
                .body("answer." + path + "[2].source.source", equalTo("bods"));
        given().get("/audit/decisions/{id}", id)
                .then()
                .statusCode(200)
                .body(containsString("stakes from gleif (`" + BRANCH + "`: record " + BRANCH))
                .body(containsString("bods (`" + LYON + "`: record rel-lyon-paris"));
    }
}
