package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients that speak HTTP/2 in clear text. The JDK's {@link HttpClient} (default version HTTP/2) sends its
 * first request on a connection as HTTP/1.1 with {@code Upgrade: h2c} and the body attached; Vert.x then
 * failed the request ("Request has already been read") and answered 500 to a valid decision request. The
 * server declines the upgrade and answers on HTTP/1.1; a client that starts with HTTP/2 frames (prior
 * knowledge, as Envoy's gRPC client does) still gets HTTP/2.
 */
@QuarkusTest
class H2cUpgradeTest {

    private static final String ACCESS = "{\"subject\": {\"partyId\": \"%s\"}, \"action\": \"api.access\"}";

    @TestHTTPResource("/v1/decisions")
    URI decisions;

    @Inject
    Vertx vertx;

    @Test
    void theJdkClientsUpgradeOfferWithABodyIsAnsweredNotFailed() throws Exception {
        String company = party();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .build(); // version HTTP_2: the first request offers Upgrade: h2c
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(decisions)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(ACCESS.formatted(company)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"decision\":\"PERMIT\""), answer.body());
            // The upgrade was taken: this test is about the upgraded path, not a fallback to HTTP/1.1.
            assertEquals(HttpClient.Version.HTTP_2, answer.version());
        }
    }

    @Test
    void aBadBodyOfferingTheUpgradeIsA4xxProblem() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(decisions)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(
                "application/problem+json",
                answer.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aPriorKnowledgeHttp2ClientIsStillAnsweredOverHttp2() throws Exception {
        String company = party();
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            // The body is taken in the response's own callback: read later, it may already be gone.
            Answer answer = client.request(new RequestOptions()
                            .setMethod(HttpMethod.POST)
                            .setHost(decisions.getHost())
                            .setPort(decisions.getPort())
                            .setURI(decisions.getPath())
                            .putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(Buffer.buffer(ACCESS.formatted(company))))
                    .compose(response -> response.body()
                            .map(body -> new Answer(response.version(), response.statusCode(), body.toString())))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);

            assertEquals(HttpVersion.HTTP_2, answer.version());
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("\"decision\":\"PERMIT\""), answer.body());
        } finally {
            client.close();
        }
    }

    private record Answer(HttpVersion version, int status, String body) {}

    private static String party() {
        String id = "h2c-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Company " + id, "kind", "COMPANY", "country", "DE"))
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return id;
    }
}
