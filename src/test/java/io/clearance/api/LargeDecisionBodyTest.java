package io.clearance.api;

import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
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
        for (int i = 0; i < 3; i++) {
            postDecision(body).statusCode(200).body("decision", equalTo("DENY"));
        }
    }
}
