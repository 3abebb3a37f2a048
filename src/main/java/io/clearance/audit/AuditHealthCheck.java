package io.clearance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the audit log, exercised rather than assumed: each chain must be writing (no failed write
 * pending recovery), a probe file must be writable beside its journal (a full disk shows here before a
 * decision fails), and its backlog must be under the limit. The database being behind is a warning
 * ({@code status: degraded}, backlog and error shown), not a refusal: decisions go on into the journal.
 */
@Readiness
@ApplicationScoped
public class AuditHealthCheck implements HealthCheck {

    private final AuditLog log;

    AuditHealthCheck(AuditLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit");
        boolean up = true;
        String status = "serving";
        if (!log.started()) {
            // Before the decision chain is open no decision can be logged, so none may be answered.
            return response.withData("status", "starting")
                    .withData("error", "the audit journal is not open yet")
                    .down()
                    .build();
        }
        response.withData("instance", log.instanceId());
        for (AuditLog.Chain chain : log.chainsNow()) {
            ChainWriter writer = chain.writer();
            String prefix = log.chainsNow().size() == 1 ? "" : writer.chainId() + ".";
            if (writer.failure() != null) {
                writer.tryRecover();
            }
            String failure = writer.failure();
            if (failure == null) {
                try {
                    writer.probe();
                } catch (java.io.IOException | RuntimeException e) {
                    failure = "the journal folder is not writable: " + e.getMessage();
                }
            }
            AuditBacklog backlog = writer.backlog();
            if (failure == null && backlog.bytes() > backlog.maxBytes()) {
                failure = "the journal is full: " + backlog.bytes() + " bytes not yet in the database";
            }
            if (failure == null && chain.shipper().conflict() != null) {
                failure = chain.shipper().conflict();
            }
            response.withData(prefix + "chain", writer.chainId())
                    .withData(prefix + "lastSeq", writer.lastSeq())
                    .withData(prefix + "backlogRecords", backlog.records())
                    .withData(prefix + "backlogBytes", backlog.bytes())
                    .withData(prefix + "lagMillis", backlog.lag().toMillis());
            if (failure != null) {
                up = false;
                status = "refusing";
                response.withData(prefix + "error", failure);
            } else if (chain.shipper().lastError() != null) {
                status = "degraded";
                response.withData(
                        prefix + "shipping",
                        "failing since " + chain.shipper().failingSince() + ": "
                                + chain.shipper().lastError());
            }
        }
        response.withData("status", status);
        return (up ? response.up() : response.down()).build();
    }
}
