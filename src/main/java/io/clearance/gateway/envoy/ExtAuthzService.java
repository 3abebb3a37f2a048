package io.clearance.gateway.envoy;

import com.google.rpc.Code;
import com.google.rpc.Status;
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
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Envoy ext_authz: reads the subject, action and end customer from the request headers Envoy forwards
 * (names from {@link GatewayConfig}), decides and logs as every interface does, and answers OK with a
 * {@code clearance-decision-id} header added to the upstream request, or DENIED with HTTP 403, the decision
 * id and a short reason. A request Clearance cannot read is DENIED with its 4xx problem as the body; when
 * Clearance cannot decide, the call fails with {@code UNAVAILABLE}, which Envoy with
 * {@code failure_mode_allow: false} turns into a refusal.
 */
@GrpcService
// `implements BindableService` repeated on purpose: the stub's base class lives in a jar Quarkus does not
// index, and Quarkus finds gRPC services among the indexed implementors of BindableService.
public class ExtAuthzService extends AuthorizationGrpc.AuthorizationImplBase implements BindableService {

    static final DecisionInterface VIA = DecisionInterface.EXT_AUTHZ;
    static final String DECISION_ID = DecisionAuditor.DECISION_ID_HEADER.toLowerCase(Locale.ROOT);

    private final AuditedDecisions decisions;
    private final GatewayConfig headers;
    private final MinRegistryVersion registry;

    ExtAuthzService(AuditedDecisions decisions, GatewayConfig headers, MinRegistryVersion registry) {
        this.decisions = decisions;
        this.headers = headers;
        this.registry = registry;
    }

    /**
     * Runs on the event loop: a memoised answer is given there, anything to decide moves to a worker (see
     * {@link AuditedDecisions#answer}), and the response is sent from where the answer was logged.
     */
    @Override
    public void check(CheckRequest check, StreamObserver<CheckResponse> answer) {
        AttributeContext.HttpRequest http = check.getAttributes().getRequest().getHttp();
        GatewayRequest request = new GatewayRequest(
                header(http, headers.subjectHeader()),
                header(http, headers.actionHeader()),
                header(http, headers.onBehalfOfHeader()),
                null,
                Map.of("path", ShortReason.header(http.getPath()), "method", http.getMethod()));
        String minVersion = header(http, MinRegistryVersion.HEADER);
        // Read-your-writes: decided once this instance has the write whose version the caller names.
        Uni<ReceivedDecisionRequest> received = minVersion == null
                ? Uni.createFrom().item(request.received(VIA))
                : registry.received(request, VIA, minVersion);
        received.chain(given -> UndecidableException.unlessUndecidable(decisions.answer(given)))
                .subscribe()
                .with(
                        decided -> {
                            answer.onNext(respond(decided));
                            answer.onCompleted();
                        },
                        failure -> answer.onError(unavailable(failure)));
    }

    // Whatever kept the answer from being logged, Envoy gets an error, which failure_mode_allow: false refuses.
    private static RuntimeException unavailable(Throwable failure) {
        String description = failure instanceof UndecidableException e
                ? e.problem().code() + ": " + e.problem().detail()
                : ErrorCode.UNDECIDABLE.code() + ": Clearance could not decide; see its log";
        return io.grpc.Status.UNAVAILABLE.withDescription(description).asRuntimeException();
    }

    private static CheckResponse respond(AuditedAnswer answer) {
        if (answer instanceof AuditedAnswer.Decided decided
                && decided.decision().decision() == Outcome.PERMIT) {
            return CheckResponse.newBuilder()
                    .setStatus(Status.newBuilder().setCode(Code.OK_VALUE))
                    .setOkResponse(OkHttpResponse.newBuilder().addHeaders(header(DECISION_ID, answer.decisionId())))
                    .build();
        }
        if (answer instanceof AuditedAnswer.Decided decided) {
            Decision decision = decided.decision();
            return denied(Code.PERMISSION_DENIED, 403, decision.decisionId(), ShortReason.of(decision));
        }
        Refusal refusal = ((AuditedAnswer.Rejected) answer).refusal();
        boolean unknownParty = refusal.code() == ErrorCode.UNKNOWN_PARTY_IN_REQUEST;
        boolean behind = refusal.code() == ErrorCode.REGISTRY_BEHIND; // the caller may retry, as on any 503
        return denied(
                unknownParty ? Code.PERMISSION_DENIED : behind ? Code.UNAVAILABLE : Code.INVALID_ARGUMENT,
                unknownParty ? 403 : refusal.code().status(),
                answer.decisionId(),
                ShortReason.header(refusal.code().code() + ": " + refusal.detail()));
    }

    private static CheckResponse denied(Code code, int httpStatus, String decisionId, String reason) {
        return CheckResponse.newBuilder()
                .setStatus(Status.newBuilder().setCode(code.getNumber()).setMessage(reason))
                .setDeniedResponse(DeniedHttpResponse.newBuilder()
                        .setStatus(HttpStatus.newBuilder().setCodeValue(httpStatus))
                        .addHeaders(header(DECISION_ID, decisionId))
                        .addHeaders(header("clearance-reason", reason))
                        .setBody(reason))
                .build();
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
                .build();
    }

    /** Envoy sends lower-case header names, in {@code headers} or, with encode_raw_headers, in {@code header_map}. */
    private static String header(AttributeContext.HttpRequest http, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String value = http.getHeadersMap().get(key);
        if (value != null) {
            return value;
        }
        for (HeaderValue raw : http.getHeaderMap().getHeadersList()) {
            if (raw.getKey().equalsIgnoreCase(key)) {
                return raw.getValue().isEmpty() ? raw.getRawValue().toString(StandardCharsets.UTF_8) : raw.getValue();
            }
        }
        return null;
    }
}
