package io.clearance.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.api.RegistryVersionHeader;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes through the gateway interfaces, as {@code minRegistryVersion} is for {@code POST
 * /v1/decisions}: AuthZEN's {@code context.min_registry_version} and the header {@code
 * X-Clearance-Min-Registry-Version} of {@code /v1/authz} and Envoy. A version this instance holds is decided on
 * it; one it does not reach in time is refused 503 {@code registry-behind} and logged; a version that is not a
 * whole number from 0 is a 400.
 */
@QuarkusTest
class GatewayMinRegistryVersionTest {

    private static String owned;
    private static long written;

    /** A DE company that a CN party's 60% stake restricts: the stake is the write a caller wants seen. */
    @BeforeEach
    void write() {
        if (owned != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        owned = "ryw-owned-" + suffix;
        String owner = "ryw-owner-" + suffix;
        party(owned, "DE");
        party(owner, "CN");
        written = Long.parseLong(given().contentType(ContentType.JSON)
                .body(Map.of("percent", 60))
                .put("/v1/parties/{id}/owners/{owner}", owned, owner)
                .then()
                .statusCode(201)
                .extract()
                .header(RegistryVersionHeader.HEADER));
    }

    @Test
    void authZenDecidesOnTheVersionAskedForOrRefusesAsBehind() {
        evaluation(Long.toString(written)).statusCode(200).body("decision", equalTo(false));
        evaluation(Long.toString(written + 1_000_000))
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Clearance-Decision-Id", notNullValue())
                .body("code", equalTo("registry-behind"));
        for (String invalid : new String[] {"-1", "1.5", "\"7\"", "true"}) {
            evaluation(invalid).statusCode(400).body("code", equalTo("invalid-min-registry-version"));
        }
    }

    @Test
    void authZenEvaluationsRefuseOnlyTheItemsTheRegistryIsBehind() {
        String body = """
                {"subject": {"type": "organization", "id": "%s"},
                 "action": {"name": "api.access"},
                 "resource": {"type": "api", "id": "chat"},
                 "evaluations": [
                   {"context": {"min_registry_version": %d}},
                   {"context": {"min_registry_version": %d}},
                   {}
                 ]}
                """.formatted(owned, written, written + 1_000_000);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/access/v1/evaluations")
                .then()
                .statusCode(200)
                .body("evaluations[0].decision", equalTo(false))
                .body("evaluations[1].decision", equalTo(false))
                .body("evaluations[1].context.error.code", equalTo("registry-behind"))
                .body("evaluations[2].decision", equalTo(false));
    }

    @Test
    void authRequestTakesTheVersionAsAHeader() {
        authz(Long.toString(written)).statusCode(403).header("Clearance-Outcome", "DENY");
        authz(Long.toString(written + 1_000_000)).statusCode(503).body("code", equalTo("registry-behind"));
        authz("12x").statusCode(400).body("code", equalTo("invalid-min-registry-version"));
    }

    @Test
    void envoyTakesTheVersionAsAHeader() throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", RestAssured.port)
                .usePlaintext()
                .build();
        try {
            var envoy = AuthorizationGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            assertEquals(
                    403, check(envoy, written).getDeniedResponse().getStatus().getCodeValue());
            CheckResponse behind = check(envoy, written + 1_000_000);
            assertEquals(503, behind.getDeniedResponse().getStatus().getCodeValue());
            assertEquals(
                    com.google.rpc.Code.UNAVAILABLE_VALUE, behind.getStatus().getCode());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static CheckResponse check(AuthorizationGrpc.AuthorizationBlockingStub envoy, long version) {
        return envoy.check(CheckRequest.newBuilder()
                .setAttributes(AttributeContext.newBuilder()
                        .setRequest(AttributeContext.Request.newBuilder()
                                .setHttp(AttributeContext.HttpRequest.newBuilder()
                                        .setMethod("GET")
                                        .setPath("/")
                                        .putAllHeaders(Map.of(
                                                "x-clearance-subject",
                                                owned,
                                                "x-clearance-action",
                                                "api.access",
                                                "x-clearance-min-registry-version",
                                                Long.toString(version))))))
                .build());
    }

    private static io.restassured.response.ValidatableResponse evaluation(String version) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"subject": {"type": "organization", "id": "%s"}, "action": {"name": "api.access"},
                         "resource": {"type": "api", "id": "chat"}, "context": {"min_registry_version": %s}}
                        """.formatted(owned, version))
                .post("/access/v1/evaluation")
                .then();
    }

    private static io.restassured.response.ValidatableResponse authz(String version) {
        return given().header("X-Clearance-Subject", owned)
                .header("X-Clearance-Action", "api.access")
                .header(MinRegistryVersion.HEADER, version)
                .get("/v1/authz")
                .then();
    }

    private static void party(String id, String country) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Party " + id, "kind", "COMPANY", "country", country))
                .put("/v1/parties/{id}", id)
                .then()
                .statusCode(201);
    }
}
