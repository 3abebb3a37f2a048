package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.clearance.reference.FactReference;
import io.clearance.reference.ReferenceMarkdown;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The fact-model reference for DRL authors: JSON by default, Markdown ({@code ?format=markdown} or
 * {@code Accept: text/markdown}) or a page ({@code ?format=html}, or a browser's {@code Accept: text/html}).
 */
@Path("/v1/policy/reference")
public class PolicyReferenceResource {

    static final String MARKDOWN = "text/markdown";

    @Inject
    @Location("policy/reference.html")
    Template page;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @GET
    public Response reference(@QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        FactReference.Reference reference = FactReference.generate();
        String chosen = format != null ? format : fromAccept(accept);
        return switch (chosen) {
            case "json" -> Response.ok(reference, MediaType.APPLICATION_JSON).build();
            case "markdown", "md" ->
                Response.ok(ReferenceMarkdown.render(reference), MARKDOWN + ";charset=UTF-8")
                        .build();
            case "html" ->
                Response.ok(
                                page.data("reference", json.convertValue(reference, java.util.Map.class))
                                        .render(),
                                MediaType.TEXT_HTML + ";charset=UTF-8")
                        .build();
            default ->
                throw new ProblemException(
                        ErrorCode.INVALID_FORMAT, "`format` is `json`, `markdown` or `html`, not `" + format + "`");
        };
    }

    private static String fromAccept(String accept) {
        if (accept == null) {
            return "json";
        }
        if (accept.contains(MARKDOWN)) {
            return "markdown";
        }
        if (accept.contains(MediaType.TEXT_HTML)) {
            return "html";
        }
        return "json";
    }
}
