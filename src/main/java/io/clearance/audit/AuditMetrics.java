package io.clearance.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * How far the shared database is behind this instance's audit journals, read when Prometheus scrapes:
 * {@code clearance_audit_journal_backlog_records} and {@code clearance_audit_journal_backlog_bytes} (summed over
 * the instance's chains), {@code clearance_audit_journal_limit_bytes} (the size at which decisions are refused)
 * and {@code clearance_audit_shipping_lag_seconds} (the oldest record not yet shipped). An alert on the bytes
 * against the limit warns before the journal fills and Clearance starts refusing.
 */
@Startup
@ApplicationScoped
public class AuditMetrics {

    AuditMetrics(MeterRegistry registry, AuditLog log) {
        Gauge.builder("clearance.audit.journal.backlog.records", log, sum(AuditBacklog::records))
                .description("Decision records in the audit journal not yet in the database")
                .register(registry);
        Gauge.builder("clearance.audit.journal.backlog", log, sum(AuditBacklog::bytes))
                .description("Size of the audit journal on disk (shipped segments are deleted)")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("clearance.audit.journal.limit", log, max(AuditBacklog::maxBytes))
                .description("Journal size beyond which decisions are refused")
                .baseUnit("bytes")
                .register(registry);
        TimeGauge.builder(
                        "clearance.audit.shipping.lag",
                        log,
                        TimeUnit.MILLISECONDS,
                        max(backlog -> backlog.lag().toMillis()))
                .description("Age of the oldest decision record not yet shipped to the database")
                .register(registry);
    }

    private static ToDoubleFunction<AuditLog> sum(ToDoubleFunction<AuditBacklog> value) {
        return log -> log.chainsNow().stream()
                .mapToDouble(chain -> value.applyAsDouble(chain.writer().backlog()))
                .sum();
    }

    private static ToDoubleFunction<AuditLog> max(ToDoubleFunction<AuditBacklog> value) {
        return log -> log.chainsNow().stream()
                .mapToDouble(chain -> value.applyAsDouble(chain.writer().backlog()))
                .max()
                .orElse(0);
    }
}
