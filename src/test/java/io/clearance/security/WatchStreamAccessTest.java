package io.clearance.security;

import static io.clearance.security.SecurityTestSupport.PROBLEM_JSON;
import static io.clearance.security.SecurityTestSupport.asAdmin;
import static io.clearance.security.SecurityTestSupport.keyFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A watch's event stream asked for as an {@code EventSource} asks ({@code Accept: text/event-stream} only) is
 * refused as every other request is: 401 without a credential, 403 for a role other than the auditor's, 404
 * for a watch that does not exist, each an {@code application/problem+json} body with its code, and never a
 * stream that opens. {@code RoleMatrixTest} calls the path with {@code Accept: *}{@code /*}.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class WatchStreamAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(WAIT).build();

    /** An answer to a stream request: a stream that opened (it would never end) is closed, its body left. */
    private record Answer(int status, HttpHeaders headers, String body) {}

    private Answer events(String watchId, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/watches/" + watchId + "/events"))
                .header("Accept", "text/event-stream");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<Stream<String>> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (response.statusCode() == 200) {
            response.body().close();
            return new Answer(200, response.headers(), "");
        }
        return new Answer(
                response.statusCode(),
                response.headers(),
                String.join("\n", response.body().toList()));
    }

    private static void assertProblem(Answer answer, int status, String code) throws Exception {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(
                PROBLEM_JSON,
                answer.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(
                code, new ObjectMapper().readTree(answer.body()).get("code").asText(), answer.body());
    }

    @Test
    void aStreamIsRefusedWithAProblemToWhoeverMayNotReadItAndForAnUnknownWatch() throws Exception {
        String watch = asAdmin()
                .body(Map.of("scope", "all"))
                .when()
                .post("/v1/watches")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Answer anonymous = events(watch, null);
        assertEquals(401, anonymous.status(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(
                PROBLEM_JSON,
                anonymous.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(
                401, events(watch, "clr_0000000000000000_" + "A".repeat(43)).status(), "unknown key");
        for (String role : new String[] {Roles.GATEWAY, Roles.REGISTRAR, Roles.AUTHOR, Roles.METRICS}) {
            Answer refused = events(watch, keyFor(role));
            assertEquals(403, refused.status(), role);
            assertEquals(
                    PROBLEM_JSON,
                    refused.headers().firstValue("Content-Type").orElse("").split(";")[0],
                    role);
        }
        String auditor = keyFor(Roles.AUDITOR);
        assertProblem(events("no-such-watch", auditor), 404, "unknown-watch");
        assertEquals(200, events(watch, auditor).status(), "the auditor reads it");
        asAdmin().when().delete("/v1/watches/{id}", watch).then().statusCode(204);
    }
}
