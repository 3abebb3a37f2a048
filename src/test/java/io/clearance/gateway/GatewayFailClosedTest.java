package io.clearance.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;

import io.clearance.audit.AuditUnavailableException;
import io.clearance.audit.DecisionAuditor;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionJson;
import io.clearance.decision.DecisionService;
import io.clearance.decision.Outcome;
import io.clearance.decision.Reason;
import io.clearance.engine.RuleEvaluationException;
import io.clearance.engine.facts.Evidence;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When Clearance cannot decide (the rules fail, the audit log cannot record), every gateway interface
 * answers an error the gateway turns into a refusal: AuthZEN and the batch 503, nginx auth_request 503,
 * Envoy ext_authz gRPC {@code UNAVAILABLE}; never a permission.
 */
@QuarkusTest
class GatewayFailClosedTest {

    private static final String ORG = "any-org";

    @InjectMock
    DecisionService decisions;

    @InjectMock
    DecisionAuditor audit;

    private void rulesFail() {
        when(decisions.answer(any())).thenThrow(new RuleEvaluationException("a rule threw"));
    }

    private void auditFails() {
        when(decisions.answer(any()))
                .thenReturn(DecisionJson.standalone()
                        .answer(new Decision(
                                "d-1",
                                Outcome.PERMIT,
                                "v",
                                1,
                                Instant.now(),
                                ORG,
                                "api.access",
                                null,
                                null,
                                List.of(new Reason("r", "6.1", Outcome.PERMIT, "permitted", Evidence.none())),
                                List.of())));
        doThrow(new AuditUnavailableException("disk full", null)).when(audit).decided(any(), any());
        doThrow(new AuditUnavailableException("disk full", null)).when(audit).rejected(any(), any());
    }

    /** A permission that cannot be logged is not answered: 503, never the 204. */
    @Test
    void anUnloggablePermissionIs503() {
        auditFails();
        given().header("X-Clearance-Subject", ORG)
                .header("X-Clearance-Action", "api.access")
                .get("/v1/authz")
                .then()
                .statusCode(503)
                .body("code", equalTo("audit-unavailable"));
        given().contentType(ContentType.JSON)
                .body(
                        "{\"subject\": {\"type\": \"organization\", \"id\": \"" + ORG
                                + "\"}, \"action\": {\"name\": \"api.access\"}, \"resource\": {\"type\": \"m\", \"id\": \"1\"}}")
                .post("/access/v1/evaluation")
                .then()
                .statusCode(503)
                .body("code", equalTo("audit-unavailable"));
    }

    @Test
    void authzenAnswers503WhenTheRulesFail() {
        rulesFail();
        given().contentType(ContentType.JSON)
                .body(
                        "{\"subject\": {\"type\": \"organization\", \"id\": \"" + ORG
                                + "\"}, \"action\": {\"name\": \"api.access\"}, \"resource\": {\"type\": \"m\", \"id\": \"1\"}}")
                .post("/access/v1/evaluation")
                .then()
                .statusCode(503)
                .body("code", equalTo("rule-evaluation-failed"));
        given().contentType(ContentType.JSON)
                .body("{\"action\": {\"name\": \"api.access\"}, \"resource\": {\"type\": \"m\", \"id\": \"1\"},"
                        + " \"options\": {\"evaluations_semantic\": \"permit_on_first_permit\"}, \"evaluations\":"
                        + " [{\"subject\": {\"type\": \"organization\", \"id\": \"" + ORG + "\"}}]}")
                .post("/access/v1/evaluations")
                .then()
                .statusCode(503);
    }

    @Test
    void authRequestAnswers503WhenTheRulesFail() {
        rulesFail();
        given().header("X-Clearance-Subject", ORG)
                .header("X-Clearance-Action", "api.access")
                .get("/v1/authz")
                .then()
                .statusCode(503)
                .body("code", equalTo("rule-evaluation-failed"));
    }

    @Test
    void theBatchAnswers503WhenTheRulesFail() {
        rulesFail();
        given().contentType(ContentType.JSON)
                .body("{\"requests\": [{\"subject\": {\"partyId\": \"" + ORG + "\"}, \"action\": \"api.access\"}]}")
                .post("/v1/decisions/batch")
                .then()
                .statusCode(503);
    }

    @Test
    void extAuthzFailsUnavailableWhenTheRulesFail() throws InterruptedException {
        rulesFail();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", RestAssured.port)
                .usePlaintext()
                .build();
        try {
            StatusRuntimeException failure = assertThrows(
                    StatusRuntimeException.class,
                    () -> AuthorizationGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(60, TimeUnit.SECONDS)
                            .check(CheckRequest.newBuilder()
                                    .setAttributes(AttributeContext.newBuilder()
                                            .setRequest(AttributeContext.Request.newBuilder()
                                                    .setHttp(AttributeContext.HttpRequest.newBuilder()
                                                            .putHeaders("x-clearance-subject", ORG)
                                                            .putHeaders("x-clearance-action", "api.access"))))
                                    .build()));
            assertEquals(io.grpc.Status.Code.UNAVAILABLE, failure.getStatus().getCode());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A refusal that cannot be logged is not answered either: 503, not the 4xx. */
    @Test
    void anUnloggableRefusalIs503() {
        auditFails();
        given().header("X-Clearance-Action", "api.access")
                .get("/v1/authz")
                .then()
                .statusCode(503)
                .body("code", equalTo("audit-unavailable"));
    }
}
