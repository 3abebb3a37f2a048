package io.clearance.api;

import static io.clearance.api.ApiTestSupport.api;
import static io.clearance.api.ApiTestSupport.assertProblem;
import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.getParty;
import static io.clearance.api.ApiTestSupport.partyBody;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.putParty;
import static io.clearance.api.ApiTestSupport.setStake;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.clearance.registry.identity.Leis;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Parties' identifiers ({@code identifiers} on {@code PUT/GET /v1/parties/{id}}), looking a party up by one
 * ({@code GET /v1/parties?identifier=}), deciding for a subject given by one, and name search
 * ({@code GET /v1/parties?q=&country=}); each refusal with its code, and nothing changed by it.
 */
@QuarkusTest
class IdentifiersAndSearchTest {

    static String lei() {
        return Leis.fresh();
    }

    private static Map<String, Object> withIdentifiers(String name, String country, Object identifiers) {
        Map<String, Object> body = partyBody(name, "COMPANY", country, null);
        body.put("identifiers", identifiers);
        return body;
    }

    @Test
    void identifiersAreStoredShownAndResolved() {
        String id = unique("ident");
        String lei = lei();
        String company = unique("0");
        putParty(
                        id,
                        withIdentifiers(
                                "Ident Holdings Ltd",
                                "GB",
                                List.of(
                                        Map.of("scheme", "GB-COH", "id", company),
                                        Map.of("scheme", "lei", "id", lei.toLowerCase(Locale.ROOT)))))
                .statusCode(201)
                .body("identifiers.scheme", contains("gb-coh", "lei"))
                .body("identifiers.id", contains(company, lei));
        getParty(id).statusCode(200).body("identifiers.scheme", contains("gb-coh", "lei"));

        api().when()
                .get("/v1/parties?identifier=lei:" + lei)
                .then()
                .statusCode(200)
                .body("parties.partyId", contains(id))
                .body("parties[0].name", equalTo("Ident Holdings Ltd"))
                .body("parties[0].country", equalTo("GB"));
        api().when()
                .get("/v1/parties?identifier=gb-coh:" + company)
                .then()
                .statusCode(200)
                .body("parties.partyId", contains(id));

        // Absent `identifiers` keeps them; an empty list removes them, from the index too.
        putParty(id, partyBody("Ident Holdings Limited", "COMPANY", "GB", null))
                .statusCode(200)
                .body("identifiers", hasSize(2));
        putParty(id, withIdentifiers("Ident Holdings Limited", "GB", List.of()))
                .statusCode(200)
                .body("identifiers", nullValue());
        api().when()
                .get("/v1/parties?identifier=lei:" + lei)
                .then()
                .statusCode(200)
                .body("parties", empty());
    }

    @Test
    void anIdentifierBelongsToOnePartyAtMost() {
        String lei = lei();
        String first = unique("first");
        String second = unique("second");
        putParty(first, withIdentifiers("First", "DE", List.of(Map.of("scheme", "lei", "id", lei))))
                .statusCode(201);
        assertProblem(
                putParty(second, withIdentifiers("Second", "DE", List.of(Map.of("scheme", "lei", "id", lei)))),
                409,
                "identifier-taken");
        getParty(second).statusCode(404); // refused whole: the party was not created either
        api().when().get("/v1/parties?identifier=lei:" + lei).then().body("parties.partyId", contains(first));
    }

    @Test
    void badIdentifiersAreRefusedAndChangeNothing() {
        String id = createParty(unique("bad-ident"), "COMPANY", "FR");
        String lei = lei();
        String wrongCheck = lei.substring(0, 18) + (lei.endsWith("00") ? "01" : "00");
        assertProblem(
                putParty(id, withIdentifiers("X", "FR", List.of(Map.of("scheme", "lei", "id", wrongCheck)))),
                400,
                "invalid-lei");
        assertProblem(
                putParty(id, withIdentifiers("X", "FR", List.of(Map.of("scheme", "lei", "id", "SHORT")))),
                400,
                "invalid-lei");
        assertProblem(
                putParty(id, withIdentifiers("X", "FR", List.of(Map.of("scheme", "not a scheme", "id", "1")))),
                400,
                "invalid-identifier");
        assertProblem(
                putParty(id, withIdentifiers("X", "FR", List.of(Map.of("scheme", "gb-coh")))),
                400,
                "invalid-identifier");
        assertProblem(
                putParty(
                        id,
                        withIdentifiers(
                                "X",
                                "FR",
                                List.of(Map.of("scheme", "gb-coh", "id", "1"), Map.of("scheme", "GB-COH", "id", "1")))),
                400,
                "invalid-identifier");
        getParty(id).statusCode(200).body("name", not(equalTo("X")));

        assertProblem(api().when().get("/v1/parties?identifier=nocolon").then(), 400, "invalid-identifier");
        assertProblem(
                api().when().get("/v1/parties?identifier=lei:" + wrongCheck).then(), 400, "invalid-lei");
        assertProblem(api().when().get("/v1/parties").then(), 400, "invalid-search");
        assertProblem(api().when().get("/v1/parties?q=a&identifier=lei:x").then(), 400, "invalid-search");
        assertProblem(api().queryParam("q", "  ").when().get("/v1/parties").then(), 400, "invalid-search");
        assertProblem(api().when().get("/v1/parties?q=acme&limit=0").then(), 400, "invalid-search");
        assertProblem(api().when().get("/v1/parties?q=acme&country=XX").then(), 400, "invalid-country");
    }

    @Test
    void aDecisionSubjectMayBeGivenByIdentifier() {
        String lei = lei();
        String parent = createParty(unique("cn-owner"), "COMPANY", "CN");
        String subject = unique("by-lei");
        putParty(subject, withIdentifiers("By Lei", "DE", List.of(Map.of("scheme", "lei", "id", lei))))
                .statusCode(201);
        setStake(subject, parent, "60");

        postDecision(Map.of(
                        "subject", Map.of("identifier", Map.of("scheme", "lei", "id", lei)), "action", "api.access"))
                .statusCode(200)
                .body("subject", equalTo(subject))
                .body("decision", equalTo("DENY"))
                .body("reasons.rule", hasItem(ApiTestSupport.OWNERSHIP_RULE));

        // Unknown: refused as an unknown party is (422), logged, never a permit.
        String unknown = lei();
        assertProblem(
                        postDecision(Map.of(
                                "subject",
                                Map.of("identifier", Map.of("scheme", "lei", "id", unknown)),
                                "action",
                                "api.access")),
                        422,
                        "unknown-party")
                .header("Clearance-Decision-Id", not(nullValue()));
        assertProblem(
                postDecision(Map.of(
                        "subject",
                        Map.of("partyId", subject, "identifier", Map.of("scheme", "lei", "id", lei)),
                        "action",
                        "api.access")),
                400,
                "ambiguous-subject");
        assertProblem(
                postDecision(Map.of(
                        "subject", Map.of("identifier", Map.of("scheme", "lei", "id", "123")), "action", "api.access")),
                400,
                "invalid-lei");
    }

    @Test
    void namesAreFoundBySimilarityWithLegalFormsIgnored() {
        String tag = UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "q");
        String word = "Zephyrine" + tag;
        String gb = unique("zeph-gb");
        String de = unique("zeph-de");
        String other = unique("zeph-other");
        String cn = unique("zeph-cn");
        putParty(gb, partyBody(word + " Trading Ltd", "COMPANY", "GB", null)).statusCode(201);
        putParty(de, partyBody(word + " Trading GmbH", "COMPANY", "DE", null)).statusCode(201);
        putParty(other, partyBody(word + " Logistics S.A.", "COMPANY", "FR", null))
                .statusCode(201);
        putParty(cn, partyBody("北京" + tag + "科技有限公司", "COMPANY", "CN", null)).statusCode(201);

        // "Limited" is "Ltd": both trading companies match the words; the logistics one ranks below them.
        api().when()
                .get("/v1/parties?q=" + word + " Trading Limited")
                .then()
                .statusCode(200)
                .body("parties.partyId[0..1]", org.hamcrest.Matchers.containsInAnyOrder(gb, de))
                .body("parties.partyId", hasItem(other))
                .body("parties[0].score", org.hamcrest.Matchers.greaterThan(java.math.BigDecimal.ZERO));
        api().when()
                .get("/v1/parties?q=" + word + " Trading Limited&country=DE")
                .then()
                .statusCode(200)
                .body("parties.partyId", contains(de));
        // A misspelling still finds it; case and accents do not matter.
        api().when()
                .get("/v1/parties?q=" + word.toLowerCase(Locale.ROOT).replace("zeph", "zéf") + " tradng&country=GB")
                .then()
                .statusCode(200)
                .body("parties.partyId", contains(gb));
        // 有限公司 is a legal form: the name without it finds the company.
        api().when()
                .get("/v1/parties?q=北京" + tag + "科技&country=CN")
                .then()
                .statusCode(200)
                .body("parties.partyId", hasItem(cn));
        // Legal-form words alone look for nothing.
        api().when().get("/v1/parties?q=GmbH Ltd").then().statusCode(200).body("parties", empty());

        // Kept in step with the registry: a rename and a removal are seen by the next search.
        putParty(de, partyBody("Quillborne" + tag + " AG", "COMPANY", "DE", null))
                .statusCode(200);
        api().when()
                .get("/v1/parties?q=" + word + " Trading&country=DE")
                .then()
                .body("parties.name", not(hasItem(org.hamcrest.Matchers.containsString("Trading"))));
        api().when().get("/v1/parties?q=Quillborne" + tag).then().body("parties[0].partyId", equalTo(de));
        api().when().delete("/v1/parties/{id}", de).then().statusCode(204);
        api().when().get("/v1/parties?q=Quillborne" + tag).then().body("parties.partyId", not(hasItem(de)));
    }
}
