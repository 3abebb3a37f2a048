package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChainTamperTest {

    @Inject
    DataSource dataSource;

    @Test
    void verificationFindsARowEditedInTheDatabase() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String from = Instant.now().minusSeconds(1).toString();
        AuditFixtures.decideId(group.company(), "publication.read");
        String victim = AuditFixtures.decideId(group.company(), "api.access");
        AuditFixtures.decideId(group.company(), "commercial.partnership");
        String to = Instant.now().plusSeconds(1).toString();

        given().queryParam("from", from)
                .queryParam("to", to)
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));

        long seq = given().get("/v1/audit/decisions/{id}", victim)
                .then()
                .extract()
                .<Number>path("seq")
                .longValue();
        String original = answerOf(seq);
        try {
            // Someone with database access turns the denial into a permit.
            update(seq, original.replace("\"decision\":\"DENY\"", "\"decision\":\"PERMIT\""));
            given().queryParam("from", from)
                    .queryParam("to", to)
                    .get("/v1/audit/verify")
                    .then()
                    .statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) seq))
                    .body("firstBroken.decisionId", equalTo(victim))
                    .body("firstBroken.problem", equalTo("content-mismatch"));
            given().get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBroken.seq", equalTo((int) seq));
        } finally {
            update(seq, original);
        }
        given().get("/v1/audit/verify").then().body("intact", equalTo(true));
        assertEquals(original, answerOf(seq));
    }

    private String answerOf(long seq) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select answer_json from audit_record where seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void update(long seq, String answer) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("update audit_record set answer_json = ? where seq = ?")) {
            s.setString(1, answer);
            s.setLong(2, seq);
            assertEquals(1, s.executeUpdate());
        }
    }
}
