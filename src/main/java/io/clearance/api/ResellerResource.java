package io.clearance.api;

import io.clearance.audit.resellers.ResellerReport;
import io.clearance.audit.resellers.ResellerReports;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.PartyRules;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;

/** A reseller's report for auditors: its traffic from the audit log, its alerts, its customers now. */
@Path("/v1/resellers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ResellerResource {

    /** The longest period one report covers: a trend of a year and a day is still one page. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final ResellerReports reports;

    ResellerResource(ResellerReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/report")
    public ResellerReport report(
            @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        PartyRules.checkId(id);
        Period period = Period.of(from, to);
        return reports.report(id, period.from(), period.to());
    }

    /**
     * {@code from} and {@code to} as the audit search reads them (instants or days), checked and bounded;
     * a missing {@code to} is left to the report, which reads it as the moment it counts (after the audit log
     * has shipped and the oversight was checked), and a missing {@code from} is 30 days before that.
     */
    record Period(Instant from, Instant to) {

        static Period of(String from, String to) {
            Instant end = AuditParams.end("to", to);
            Instant start = AuditParams.start("from", from);
            Instant until = end == null ? Instant.now() : end;
            if (start != null) {
                AuditParams.range(start, until);
                if (Duration.between(start, until).compareTo(MAX_PERIOD) > 0) {
                    throw new ProblemException(
                            ErrorCode.INVALID_RANGE,
                            "a reseller report covers at most " + MAX_PERIOD.toDays() + " days");
                }
            }
            return new Period(start, end);
        }
    }
}
