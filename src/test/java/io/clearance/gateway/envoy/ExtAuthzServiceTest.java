package io.clearance.gateway.envoy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.gateway.GatewayFixtures;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code envoy.service.auth.v3.Authorization/Check} called as Envoy's ext_authz filter calls it: a gRPC
 * client in clear text (h2c) on the HTTP port, a CheckRequest carrying the downstream request's headers
 * with lower-case names.
 */
@QuarkusTest
class ExtAuthzServiceTest {

    private static GatewayFixtures f;
    private ManagedChannel channel;
    private AuthorizationGrpc.AuthorizationBlockingStub envoy;

    @BeforeEach
    void connect() {
        if (f == null) {
            f = GatewayFixtures.create();
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", RestAssured.port)
                .usePlaintext()
                .build();
        envoy = AuthorizationGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private static CheckRequest check(Map<String, String> headers) {
        return CheckRequest.newBuilder()
                .setAttributes(AttributeContext.newBuilder()
                        .setRequest(AttributeContext.Request.newBuilder()
                                .setHttp(AttributeContext.HttpRequest.newBuilder()
                                        .setMethod("POST")
                                        .setPath("/v1/chat/completions")
                                        .setHost("api.example.com")
                                        .putAllHeaders(headers))))
                .build();
    }

    private static Map<String, String> headers(CheckResponse response) {
        var list = response.hasOkResponse()
                ? response.getOkResponse().getHeadersList()
                : response.getDeniedResponse().getHeadersList();
        return list.stream()
                .map(HeaderValueOption::getHeader)
                .collect(Collectors.toMap(h -> h.getKey(), h -> h.getValue()));
    }

    @Test
    void aPermittedOrganisationIsOkWithTheDecisionIdAddedUpstream() {
        CheckResponse response =
                envoy.check(check(Map.of("x-clearance-subject", f.clean(), "x-clearance-action", "api.access")));
        assertEquals(0, response.getStatus().getCode()); // OK
        assertTrue(response.hasOkResponse());
        String decisionId = headers(response).get("clearance-decision-id");
        given().get("/v1/audit/decisions/{id}", decisionId)
                .then()
                .statusCode(200)
                .body("decision", org.hamcrest.Matchers.equalTo("PERMIT"))
                .body("request.gateway.interface", org.hamcrest.Matchers.equalTo("ext_authz"))
                .body("request.gateway.path", org.hamcrest.Matchers.equalTo("/v1/chat/completions"));
    }

    @Test
    void aRestrictedOrganisationIsDeniedWith403AndAShortReason() {
        CheckResponse response =
                envoy.check(check(Map.of("x-clearance-subject", f.restricted(), "x-clearance-action", "api.access")));
        assertEquals(7, response.getStatus().getCode()); // PERMISSION_DENIED
        assertEquals(403, response.getDeniedResponse().getStatus().getCodeValue());
        Map<String, String> headers = headers(response);
        assertTrue(headers.get("clearance-reason").startsWith("DENY clause 3.3: "), headers.toString());
        assertTrue(headers.containsKey("clearance-decision-id"));
    }

    @Test
    void aReviewIsDeniedToo() {
        CheckResponse response =
                envoy.check(check(Map.of("x-clearance-subject", f.review(), "x-clearance-action", "api.access")));
        assertEquals(403, response.getDeniedResponse().getStatus().getCodeValue());
        assertTrue(headers(response).get("clearance-reason").startsWith("REVIEW"));
    }

    @Test
    void theEndCustomerHeaderIsDecidedOn() {
        CheckResponse response = envoy.check(check(Map.of(
                "x-clearance-subject", f.reseller(),
                "x-clearance-action", "api.access",
                "x-clearance-on-behalf-of", f.restricted())));
        assertEquals(403, response.getDeniedResponse().getStatus().getCodeValue());
    }

    @Test
    void missingHeadersAndUnknownPartiesAreDenied() {
        CheckResponse missing = envoy.check(check(Map.of("x-clearance-action", "api.access")));
        assertEquals(3, missing.getStatus().getCode()); // INVALID_ARGUMENT
        assertEquals(400, missing.getDeniedResponse().getStatus().getCodeValue());
        assertTrue(headers(missing).get("clearance-reason").startsWith("missing-subject"));
        CheckResponse unknown = envoy.check(
                check(Map.of("x-clearance-subject", "nobody-" + f.clean(), "x-clearance-action", "api.access")));
        assertEquals(403, unknown.getDeniedResponse().getStatus().getCodeValue());
    }
}
