package io.clearance.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Envoy's ext_authz gRPC {@code Check} is a gateway endpoint like the others: with authentication on, it is
 * refused without a credential (UNAUTHENTICATED), with a revoked key (UNAUTHENTICATED) and with a key
 * lacking the {@code gateway} role (PERMISSION_DENIED), and answered with a gateway key. The credential
 * travels as Envoy's own gRPC client sends it: {@code authorization} metadata on the HTTP/2 call.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ExtAuthzAuthenticationTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private ManagedChannel channel;
    private String party;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", RestAssured.port)
                .usePlaintext()
                .build();
        party = "extauthz-" + UUID.randomUUID().toString().substring(0, 8);
        SecurityTestSupport.asAdmin()
                .body(Map.of("name", "Party " + party, "kind", "COMPANY", "country", "DE"))
                .put("/v1/parties/{id}", party)
                .then()
                .statusCode(201);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private CheckResponse check(String bearer) {
        AuthorizationGrpc.AuthorizationBlockingStub envoy =
                AuthorizationGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        if (bearer != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + bearer);
            envoy = envoy.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return envoy.check(CheckRequest.newBuilder()
                .setAttributes(AttributeContext.newBuilder()
                        .setRequest(AttributeContext.Request.newBuilder()
                                .setHttp(AttributeContext.HttpRequest.newBuilder()
                                        .setMethod("POST")
                                        .setPath("/v1/chat/completions")
                                        .putHeaders("x-clearance-subject", party)
                                        .putHeaders("x-clearance-action", "api.access"))))
                .build());
    }

    private Status.Code refusal(String bearer) {
        return assertThrows(StatusRuntimeException.class, () -> check(bearer))
                .getStatus()
                .getCode();
    }

    @Test
    void withoutACredentialTheCheckIsRefused() {
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(null));
    }

    @Test
    void withARevokedKeyTheCheckIsRefused() {
        Map<String, Object> created = SecurityTestSupport.createKey("extauthz-revoked", List.of(Roles.GATEWAY));
        SecurityTestSupport.asAdmin()
                .delete("/v1/admin/api-keys/{id}", created.get("id"))
                .then()
                .statusCode(204);
        assertEquals(Status.Code.UNAUTHENTICATED, refusal((String) created.get("key")));
    }

    @Test
    void withAKeyLackingTheGatewayRoleTheCheckIsRefused() {
        assertEquals(Status.Code.PERMISSION_DENIED, refusal(SecurityTestSupport.keyFor(Roles.AUDITOR)));
    }

    @Test
    void withAGatewayKeyTheCheckIsAnswered() {
        CheckResponse answer = check(SecurityTestSupport.keyFor(Roles.GATEWAY));
        assertEquals(0, answer.getStatus().getCode()); // OK: a clean DE company is permitted
    }
}
