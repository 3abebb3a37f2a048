package io.clearance.gateway.nginx;

import io.clearance.api.Problem;
import io.clearance.audit.AuditedAnswer;
import io.clearance.audit.AuditedDecisions;
import io.clearance.audit.DecisionAuditor;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.decision.Decision;
import io.clearance.decision.Outcome;
import io.clearance.gateway.GatewayConfig;
import io.clearance.gateway.GatewayRequest;
import io.clearance.gateway.MinRegistryVersion;
import io.clearance.gateway.ShortReason;
import io.clearance.gateway.UndecidableException;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * {@code GET /v1/authz} for nginx {@code auth_request}: the decision's fields in request headers
 * ({@code X-Clearance-Subject}, {@code X-Clearance-Action}, optional {@code X-Clearance-On-Behalf-Of} and
 * {@code X-Clearance-Min-Registry-Version}, see {@link MinRegistryVersion}),
 * the answer in the status: 204 for PERMIT, 403 for DENY and REVIEW, with {@code Clearance-Decision-Id},
 * {@code Clearance-Outcome} and {@code Clearance-Reason} headers that {@code auth_request_set} can pass on.
 * A request Clearance cannot read is a 4xx problem (nginx answers 500: closed), an unknown party a 403, and
 * a request Clearance cannot decide a 503 (closed).
 */
@Path("/v1/authz")
public class AuthRequestResource {

    static final DecisionInterface VIA = DecisionInterface.AUTH_REQUEST;
    static final String OUTCOME_HEADER = "Clearance-Outcome";
    static final String REASON_HEADER = "Clearance-Reason";

    private final AuditedDecisions decisions;
    private final GatewayConfig headers;
    private final MinRegistryVersion registry;

    AuthRequestResource(AuditedDecisions decisions, GatewayConfig headers, MinRegistryVersion registry) {
        this.decisions = decisions;
        this.headers = headers;
        this.registry = registry;
    }

    /** Runs on the event loop: a memoised answer is given there, anything to decide moves to a worker. */
    @GET
    public Uni<Response> authorize(HttpHeaders http, UriInfo uri) {
        GatewayRequest request = new GatewayRequest(
                http.getHeaderString(headers.subjectHeader()),
                http.getHeaderString(headers.actionHeader()),
                http.getHeaderString(headers.onBehalfOfHeader()),
                null,
                Map.of());
        String path = uri.getPath();
        String minVersion = http.getHeaderString(MinRegistryVersion.HEADER);
        if (minVersion != null) {
            // Read-your-writes: decided once this instance has the write whose version the caller names.
            return registry.received(request, VIA, minVersion).chain(received -> answer(received, path));
        }
        return answer(request.received(VIA), path);
    }

    private Uni<Response> answer(ReceivedDecisionRequest received, String path) {
        return UndecidableException.unlessUndecidable(decisions.answer(received))
                .map(answer -> response(answer, path))
                .onFailure(UndecidableException.class)
                .recoverWithItem(e -> {
                    Problem problem = ((UndecidableException) e).problem();
                    return problem(problem, path)
                            .header(REASON_HEADER, ShortReason.header(problem.detail()))
                            .build();
                });
    }

    private static Response response(AuditedAnswer answer, String path) {
        if (answer instanceof AuditedAnswer.Decided decided) {
            Decision decision = decided.decision();
            boolean permitted = decision.decision() == Outcome.PERMIT;
            return Response.status(permitted ? 204 : 403)
                    .header(DecisionAuditor.DECISION_ID_HEADER, decision.decisionId())
                    .header(OUTCOME_HEADER, decision.decision().name())
                    .header(REASON_HEADER, ShortReason.of(decision))
                    .build();
        }
        Refusal refusal = ((AuditedAnswer.Rejected) answer).refusal();
        // A party the registry does not hold is not cleared: the client is refused, not the gateway's request.
        Problem problem = refusal.code() == ErrorCode.UNKNOWN_PARTY_IN_REQUEST
                ? Problem.of(ErrorCode.UNKNOWN_PARTY_AT_GATEWAY, refusal.detail())
                : Problem.of(refusal);
        return problem(problem, path)
                .header(DecisionAuditor.DECISION_ID_HEADER, answer.decisionId())
                .header(REASON_HEADER, ShortReason.header(problem.code() + ": " + problem.detail()))
                .build();
    }

    private static Response.ResponseBuilder problem(Problem problem, String path) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(path));
    }
}
