package io.clearance.operations;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The one switch README names turned on, spans exported at once to {@link RecordedSpans} and nowhere else. */
public class TracingOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.bsp.schedule.delay", "10ms",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1");
    }
}
