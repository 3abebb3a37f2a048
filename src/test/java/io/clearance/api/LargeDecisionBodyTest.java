package io.clearance.api;

import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A decision request whose body arrives in many chunks (here: padded with whitespace to 600 KB, under the 1 MB
 * limit) is read whole, on the event-loop path of a memo hit as on a worker's, never cut into a false
 * {@code malformed-json}.
 */
@QuarkusTest
class LargeDecisionBodyTest {

    @Test
    void aBodyOfManyChunksIsDecidedFreshAndFromTheMemo() {
        String party = createParty(unique("big-body"), "COMPANY", "IR");
        String body = "{\"subject\": {\"partyId\": \"" + party + "\"}," + " ".repeat(600 * 1024)
                + "\"action\": \"api.access\"}";
        double hitsBefore = memoHits();
        for (int i = 0; i < 3; i++) {
            postDecision(body).statusCode(200).body("decision", equalTo("DENY"));
        }
        // The first is decided afresh; the two after it are answered from the memo, on the event loop.
        assertTrue(memoHits() >= hitsBefore + 2, "memo hits before " + hitsBefore + ", after " + memoHits());
    }

    private static double memoHits() {
        Matcher hits = Pattern.compile("(?m)^clearance_decisions_memo_total\\{[^}]*result=\"hit\"[^}]*} (\\S+)$")
                .matcher(given().get("/q/metrics").asString());
        return hits.find() ? Double.parseDouble(hits.group(1)) : 0;
    }
}
