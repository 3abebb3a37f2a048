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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.audit.AuditLog;
import io.clearance.audit.resellers.ResellerAlerts;
import io.clearance.watch.WatchEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Resellers over HTTP: the reseller flag, the customer relationships ({@code /v1/parties/{id}/customers})
 * with every refusal checked for its code and for changing nothing, the rules they feed (live, for an
 * {@code at}, and through a platform), the report ({@code /v1/resellers/{id}/report}) from the audit log,
 * and the oversight alert, raised once per crossing and observed as the CDI event watchers receive.
 */
@QuarkusTest
class ResellerResourceTest {

    private static final String UNREGISTERED =
            "Requests by a reseller on behalf of a party that is not its registered customer are held back as the policy sets";
    private static final String ANONYMOUS = "Restricted actions a reseller requests for no end customer are denied";

    @Inject
    AuditLog log;

    @Inject
    ResellerAlerts alerts;

    @Inject
    Alerts observed;

    /** Every {@code reseller.alert} fired, as the watch service would receive it. */
    @Singleton
    static class Alerts {
        final List<WatchEvent> seen = new CopyOnWriteArrayList<>();

        void on(@Observes WatchEvent event) {
            if (WatchEvent.RESELLER_ALERT.equals(event.kind())) {
                seen.add(event);
            }
        }

        long about(String partyId) {
            return seen.stream().filter(e -> e.partyId().equals(partyId)).count();
        }
    }

    // ---- The flag and the relationships -----------------------------------------------------------

    @Test
    void aPartyIsDeclaredAResellerAndShowsIt() {
        String id = unique("reseller");
        putParty(id, reseller("Reseller Inc.", "US")).statusCode(201).body("reseller", equalTo(true));
        getParty(id).statusCode(200).body("reseller", equalTo(true));
        // A correction that says nothing of reselling keeps the declaration: it never lifts the obligations.
        putParty(id, partyBody("Reseller Inc. (renamed)", "COMPANY", "US", null))
                .statusCode(200);
        getParty(id).statusCode(200).body("reseller", equalTo(true));
        Map<String, Object> lifted = reseller("Reseller Inc.", "US");
        lifted.put("reseller", false);
        putParty(id, lifted).statusCode(200).body("reseller", equalTo(false));
        getParty(id).statusCode(200).body("reseller", equalTo(false));

        Map<String, Object> wrong = reseller("Reseller Inc.", "US");
        wrong.put("reseller", "yes");
        assertProblem(putParty(id, wrong), 400, "invalid-reseller");
        getParty(id).statusCode(200).body("reseller", equalTo(false));
    }

    @Test
    void customersArePutListedReadAndDeletedWithTheirDatesAndReference() {
        String reseller = declaredReseller();
        String a = createParty(unique("cust-a"), "COMPANY", "US");
        String b = createParty(unique("cust-b"), "COMPANY", "DE");

        putCustomer(reseller, a, "{\"reference\": \"MSA-1\"}")
                .statusCode(201)
                .body("resellerId", equalTo(reseller))
                .body("customerId", equalTo(a))
                .body("customerName", equalTo("Party " + a))
                .body("reference", equalTo("MSA-1"))
                .body("inForce", equalTo(true))
                .body("validFrom", nullValue());
        putCustomer(reseller, b, "{\"validFrom\": \"2020-01-01\", \"validTo\": \"2021-01-01\"}")
                .statusCode(201)
                .body("validFrom", equalTo("2020-01-01T00:00:00Z"))
                .body("validTo", equalTo("2021-01-01T00:00:00Z"))
                .body("inForce", equalTo(false));
        putCustomer(reseller, a, "{\"reference\": \"MSA-2\"}").statusCode(200).body("reference", equalTo("MSA-2"));

        api().get("/v1/parties/{id}/customers", reseller)
                .then()
                .statusCode(200)
                .body("customerId", contains(List.of(a, b).stream().sorted().toArray()));
        api().get("/v1/parties/{id}/customers/{c}", reseller, a)
                .then()
                .statusCode(200)
                .body("reference", equalTo("MSA-2"));

        api().delete("/v1/parties/{id}/customers/{c}", reseller, a).then().statusCode(204);
        assertProblem(api().get("/v1/parties/{id}/customers/{c}", reseller, a).then(), 404, "unknown-customer");
        assertProblem(
                api().delete("/v1/parties/{id}/customers/{c}", reseller, a).then(), 404, "unknown-customer");
        api().get("/v1/parties/{id}/customers", reseller).then().statusCode(200).body("customerId", contains(b));
    }

    @Test
    void changesToCustomersAreAttributedInTheChangeLog() {
        String reseller = declaredReseller();
        String customer = createParty(unique("cust"), "COMPANY", "US");
        putCustomer(reseller, customer, "{\"reference\": \"C-9\"}").statusCode(201);
        api().delete("/v1/parties/{id}/customers/{c}", reseller, customer)
                .then()
                .statusCode(204);
        String target = "customer:" + reseller + "->" + customer;
        api().queryParam("target", target)
                .get("/v1/audit/changes")
                .then()
                .statusCode(200)
                .body("changes.action", contains("customer.delete", "customer.put"))
                .body("changes[1].after.reference", equalTo("C-9"))
                .body("changes[0].before.reference", equalTo("C-9"));
    }

    @Test
    void badCustomerRequestsAreRefusedAndChangeNothing() {
        String reseller = declaredReseller();
        String plain = createParty(unique("plain"), "COMPANY", "US");
        String customer = createParty(unique("cust"), "COMPANY", "US");

        assertProblem(putCustomer(plain, customer, "{}"), 409, "not-a-reseller");
        assertProblem(putCustomer(reseller, reseller, "{}"), 400, "self-customer");
        assertProblem(putCustomer(reseller, unique("nobody"), "{}"), 404, "unknown-party");
        assertProblem(putCustomer(unique("nobody"), customer, "{}"), 404, "unknown-party");
        assertProblem(putCustomer(reseller, customer, "{\"validFrom\": \"tomorrow\"}"), 400, "invalid-date");
        assertProblem(
                putCustomer(reseller, customer, "{\"validFrom\": \"2022-01-01\", \"validTo\": \"2021-01-01\"}"),
                400,
                "invalid-date");
        assertProblem(putCustomer(reseller, customer, "{\"reference\": 42}"), 400, "invalid-reference");
        assertProblem(
                putCustomer(reseller, customer, "{\"reference\": \"" + "x".repeat(257) + "\"}"),
                400,
                "invalid-reference");
        assertProblem(putCustomer(reseller, customer, "{\"contract\": \"x\"}"), 400, "unknown-field");
        assertProblem(putCustomer(reseller, "bad id!", "{}"), 400, "invalid-party-id");
        assertProblem(api().get("/v1/parties/{id}/customers", unique("nobody")).then(), 404, "unknown-party");

        api().get("/v1/parties/{id}/customers", reseller).then().statusCode(200).body("$", empty());
        api().get("/v1/parties/{id}/customers", plain).then().statusCode(200).body("$", empty());
    }

    @Test
    void deletingAPartyTakesItsRelationshipsWithIt() {
        String reseller = declaredReseller();
        String customer = createParty(unique("cust"), "COMPANY", "US");
        putCustomer(reseller, customer, "{}").statusCode(201);
        api().delete("/v1/parties/{id}", customer).then().statusCode(204);
        api().get("/v1/parties/{id}/customers", reseller).then().statusCode(200).body("$", empty());
        createParty(customer, "COMPANY", "US");
        decide(reseller, customer).body("decision", equalTo("REVIEW")).body("reasons[0].rule", equalTo(UNREGISTERED));
    }

    // ---- The rules see what the registry holds ----------------------------------------------------

    @Test
    void decisionsFollowTheRelationshipsAsTheyChange() {
        String reseller = declaredReseller();
        String customer = createParty(unique("cust"), "COMPANY", "US");

        decide(reseller, null).body("decision", equalTo("DENY")).body("reasons[0].rule", equalTo(ANONYMOUS));
        decide(reseller, customer)
                .body("decision", equalTo("REVIEW"))
                .body("reasons[0].clause", equalTo("5.3"))
                .body("reasons[0].evidence.unregisteredCustomers", equalTo("review"))
                .body("reasons[0].evidence.customerRelation.registered", equalTo(false));

        putCustomer(reseller, customer, "{\"reference\": \"MSA-7\"}").statusCode(201);
        decide(reseller, customer).body("decision", equalTo("PERMIT"));

        api().delete("/v1/parties/{id}/customers/{c}", reseller, customer)
                .then()
                .statusCode(204);
        decide(reseller, customer).body("decision", equalTo("REVIEW"));
    }

    @Test
    void aDecisionAtAnInstantSeesTheCustomersOfThatInstant() {
        String reseller = declaredReseller();
        String customer = createParty(unique("cust"), "COMPANY", "US");
        putCustomer(reseller, customer, "{\"validFrom\": \"2024-01-01\", \"validTo\": \"2025-01-01\"}")
                .statusCode(201);
        decideAt(reseller, customer, "2024-06-01T00:00:00Z").body("decision", equalTo("PERMIT"));
        decideAt(reseller, customer, "2025-06-01T00:00:00Z").body("decision", equalTo("REVIEW"));
        decide(reseller, customer).body("decision", equalTo("REVIEW"));
    }

    @Test
    void aPlatformWithANewRestrictedOwnerDeniesTheChainAtOnce() {
        String reseller = declaredReseller();
        String platform = unique("platform");
        putParty(platform, reseller("Platform Ltd", "SG")).statusCode(201);
        String end = createParty(unique("end"), "COMPANY", "US");
        String owner = createParty(unique("owner-cn"), "COMPANY", "CN");
        putCustomer(reseller, platform, "{}").statusCode(201);
        putCustomer(platform, end, "{}").statusCode(201);

        decide(reseller, end).body("decision", equalTo("PERMIT"));
        setStake(platform, owner, "60");
        decide(reseller, end)
                .body("decision", equalTo("DENY"))
                .body("reasons[0].clause", equalTo("5.4"))
                .body("reasons[0].evidence.intermediary.partyId", equalTo(platform));
    }

    // ---- The report -------------------------------------------------------------------------------

    @Test
    void theReportCountsOutcomesCustomersRefusalsAndDays() {
        String reseller = declaredReseller();
        String good = createParty(unique("good"), "COMPANY", "US");
        String stranger = createParty(unique("stranger"), "COMPANY", "US");
        String banned = createParty(unique("banned"), "COMPANY", "CN");
        String owned = createParty(unique("owned"), "COMPANY", "DE");
        setStake(owned, banned, "70");
        for (String customer : List.of(good, banned, owned)) {
            putCustomer(reseller, customer, "{}").statusCode(201);
        }
        decide(reseller, good);
        decide(reseller, good);
        decide(reseller, stranger);
        decide(reseller, banned);
        decide(reseller, banned);
        decide(reseller, owned);
        decide(reseller, null);
        postDecision(Map.of(
                        "subject", Map.of("partyId", reseller),
                        "action", "publication.read",
                        "onBehalfOf", Map.of("partyId", good)))
                .statusCode(200);
        assertTrue(log.awaitShipped());

        JsonPath report = report(reseller, null, null).statusCode(200).extract().jsonPath();
        assertEquals(8, report.getInt("decisions"));
        assertEquals(Map.of("PERMIT", 3, "REVIEW", 1, "DENY", 4, "REJECTED", 0), report.getMap("byOutcome"));
        assertEquals(
                Map.of("PERMIT", 2, "REVIEW", 1, "DENY", 4, "REJECTED", 0), report.getMap("byAction.'api.access'"));
        assertEquals(4, report.getInt("endCustomers"));
        assertEquals(1, report.getInt("withoutEndCustomer"));
        Map<String, Object> refused = new LinkedHashMap<>();
        for (Map<String, Object> row : report.<Map<String, Object>>getList("refusedCustomers")) {
            refused.put(row.get("customerId") + ":" + row.get("reason"), row.get("count"));
            assertTrue(((String) row.get("firstSeen")).compareTo((String) row.get("lastSeen")) <= 0, row.toString());
        }
        assertEquals(Map.of(banned + ":ban", 2, stranger + ":unregistered", 1, owned + ":ownership", 1), refused);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(List.of(today), report.getList("trend.day"));
        assertEquals(3, report.getInt("trend[0].permit"));
        assertEquals(4, report.getInt("trend[0].deny"));
        assertEquals(30, report.getInt("oversight.days"));
        // 5 of 8 held back is more than 10%: the read that crossed the threshold shows its alert.
        assertTrue(report.getBoolean("oversight.crossed"));
        assertEquals(1, report.getList("alerts").size());
        assertEquals(
                List.of(banned, good, owned).stream().sorted().toList(), report.getList("customersNow.customerId"));
        Map<String, Object> now = report.getMap("customersNow.find { it.customerId == '" + owned + "' }.outcomes");
        assertEquals("DENY", now.get("api.access"));
    }

    @Test
    void theReportShowsAChangeAboveACustomerBeforeItsNextRequest() {
        String reseller = declaredReseller();
        String customer = createParty(unique("cust"), "COMPANY", "DE");
        putCustomer(reseller, customer, "{}").statusCode(201);
        report(reseller, null, null).statusCode(200).body("customersNow[0].outcomes.'api.access'", equalTo("PERMIT"));
        String owner = createParty(unique("owner-ru"), "COMPANY", "RU");
        setStake(customer, owner, "51");
        report(reseller, null, null)
                .statusCode(200)
                .body("customersNow[0].outcomes.'api.access'", equalTo("DENY"))
                .body("customersNow[0].rules", hasSize(1));
    }

    @Test
    void badReportRequestsAreRefused() {
        String plain = createParty(unique("plain"), "COMPANY", "US");
        assertProblem(report(plain, null, null), 409, "not-a-reseller");
        assertProblem(report(unique("nobody"), null, null), 404, "unknown-party");
        String reseller = declaredReseller();
        assertProblem(report(reseller, "2026-02-01", "2026-01-01"), 400, "invalid-range");
        assertProblem(report(reseller, "2020-01-01", "2026-01-01"), 400, "invalid-range");
        assertProblem(report(reseller, "yesterday", null), 400, "invalid-time");
        report(reseller, "2020-01-01", "2020-01-31")
                .statusCode(200)
                .body("decisions", equalTo(0))
                .body("trend", empty())
                .body("refusedCustomers", empty());
    }

    // ---- The oversight alert ----------------------------------------------------------------------

    @Test
    void theAlertFiresExactlyOnceForAResellerThatCrossesAndNeverForOneBelow() {
        String crossing = declaredReseller();
        String below = declaredReseller();
        // `below`: 19 permitted requests and one refused: 1 customer and 5% held back, under 5 and 10%.
        String known = createParty(unique("known"), "COMPANY", "US");
        putCustomer(below, known, "{}").statusCode(201);
        for (int i = 0; i < 19; i++) {
            decide(below, known).body("decision", equalTo("PERMIT"));
        }
        decide(below, createParty(unique("stray"), "COMPANY", "US")).body("decision", equalTo("REVIEW"));
        // `crossing`: 5 strangers held back (not more than 5) but 5 of 5 requests: the share crosses.
        for (int i = 0; i < 5; i++) {
            decide(crossing, createParty(unique("stranger"), "COMPANY", "US")).body("decision", equalTo("REVIEW"));
        }
        assertTrue(log.awaitShipped());

        alerts.check(crossing);
        alerts.check(crossing);
        alerts.check(below);
        report(crossing, null, null)
                .statusCode(200)
                .body("alerts", hasSize(1))
                .body("oversight.crossed", equalTo(true));
        report(below, null, null).statusCode(200).body("alerts", empty()).body("oversight.crossed", equalTo(false));
        decide(crossing, createParty(unique("stranger"), "COMPANY", "US"));
        assertTrue(log.awaitShipped());
        alerts.check(crossing);

        assertEquals(1, observed.about(crossing), "one alert for one crossing");
        assertEquals(0, observed.about(below));
        WatchEvent alert = observed.seen.stream()
                .filter(e -> e.partyId().equals(crossing))
                .findFirst()
                .orElseThrow();
        assertEquals(WatchEvent.RESELLER_ALERT, alert.kind());
        assertTrue(alert.detail().startsWith("5 end customers held back, 5 of 5 requests"), alert.detail());
        assertTrue(alert.cause().contains("more than 5 end customers"), alert.cause());
        report(crossing, null, null)
                .statusCode(200)
                .body("alerts[0].detail", equalTo(alert.detail()))
                .body("alerts[0].clearedAt", nullValue());
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    private static Map<String, Object> reseller(String name, String country) {
        Map<String, Object> body = partyBody(name, "COMPANY", country, null);
        body.put("reseller", true);
        return body;
    }

    private static String declaredReseller() {
        String id = unique("reseller");
        putParty(id, reseller("Reseller " + id, "US")).statusCode(201);
        return id;
    }

    static ValidatableResponse putCustomer(String reseller, String customer, String json) {
        return api().body(json)
                .when()
                .put("/v1/parties/{id}/customers/{c}", reseller, customer)
                .then();
    }

    private static ValidatableResponse decide(String subject, String onBehalfOf) {
        return decideAt(subject, onBehalfOf, null);
    }

    private static ValidatableResponse decideAt(String subject, String onBehalfOf, String at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", Map.of("partyId", subject));
        body.put("action", "api.access");
        if (onBehalfOf != null) {
            body.put("onBehalfOf", Map.of("partyId", onBehalfOf));
        }
        if (at != null) {
            body.put("at", at);
        }
        return postDecision(body).statusCode(200);
    }

    static ValidatableResponse report(String reseller, String from, String to) {
        var request = api();
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        return request.when().get("/v1/resellers/{id}/report", reseller).then();
    }
}
