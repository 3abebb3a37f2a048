package io.clearance.api;

import io.clearance.audit.resellers.ResellerChart;
import io.clearance.audit.resellers.ResellerReport;
import io.clearance.audit.resellers.ResellerReports;
import io.clearance.registry.PartyRules;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The auditor's page of one reseller: {@code GET /v1/resellers/{id}/report} with its trend drawn. */
@Path("/audit/resellers/{id}")
@Produces(MediaType.TEXT_HTML)
public class ResellerPage {

    @Inject
    @Location("audit/reseller.html")
    Template page;

    @Inject
    ResellerReports reports;

    @GET
    public TemplateInstance show(
            @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        PartyRules.checkId(id);
        ResellerResource.Period period = ResellerResource.Period.of(from, to);
        ResellerReport report = reports.report(id, period.from(), period.to());
        return page.data("report", report)
                .data("oversight", report.oversight())
                .data("chart", ResellerChart.svg(report.trend()));
    }
}
