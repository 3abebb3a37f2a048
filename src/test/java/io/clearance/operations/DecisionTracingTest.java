package io.clearance.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clearance.decision.Decision;
import io.clearance.decision.Outcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With tracing on, the span a decision is made in carries its id, outcome and policy version. */
class DecisionTracingTest {

    @Test
    void theDecisionIdIsASpanAttribute() {
        List<SpanData> exported = new ArrayList<>();
        SpanExporter exporter = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build()) {
            Span span = tracing.get("test").spanBuilder("POST /v1/decisions").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                DecisionTelemetry.annotate(
                        Span.current(),
                        new Decision(
                                "8d1c7b5e-0000-4000-8000-000000000001",
                                Outcome.DENY,
                                "d39efaff61a267a8",
                                14,
                                Instant.now(),
                                "spree-analytics",
                                "api.access",
                                null,
                                null,
                                List.of(),
                                List.of()));
            } finally {
                span.end();
            }
        }
        assertEquals(1, exported.size());
        assertEquals(
                "8d1c7b5e-0000-4000-8000-000000000001",
                exported.get(0).getAttributes().get(AttributeKey.stringKey(DecisionTelemetry.DECISION_ID_ATTRIBUTE)));
        assertEquals("DENY", exported.get(0).getAttributes().get(AttributeKey.stringKey("clearance.outcome")));
    }
}
