package io.clearance.api;

import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The author's playground page: the serving rule files to edit, a sample scenario, and a script served as a
 * static file ({@code /policy/playground.js}, no inline script) that calls {@code POST /v1/policy/playground}.
 */
@Path("/policy/playground")
public class PlaygroundPage {

    @Inject
    @Location("policy/playground.html")
    Template page;

    @Inject
    PolicyEngine engine;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        List<Map<String, String>> files = new ArrayList<>();
        for (RuleSource source : engine.active().sources()) {
            Map<String, String> file = new LinkedHashMap<>();
            file.put("name", source.name());
            file.put("content", source.content());
            files.add(file);
        }
        return page.data("version", engine.active().version())
                .data("files", files)
                .data("scenario", PlaygroundResource.SAMPLE);
    }
}
