package io.clearance.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated OpenAPI document ({@code /q/openapi}) with what the annotations cannot say: every
 * status an operation can answer, as {@code application/problem+json} {@link Problem}s, and pages that answer
 * HTML as strings, not as the template objects that render them. Schemas nothing refers to any more (Qute's
 * and Java's internals reached only through those objects) are dropped.
 *
 * <p>The statuses follow from where problems arise, not from a list per endpoint: authentication and roles
 * (401, 403) on every non-public path; request parsing (400) wherever there is a parameter or a body; the body
 * limits and the media-type guard (413, 415) on every body and every state-changing call; an unknown id (404)
 * on every path with one; the release gate and unknown parties (422) on decisions and rule sets; and 500 and
 * 503 (out of memory, the database or the audit log unavailable) everywhere.
 *
 * <p>It runs when the application is built, not at each start: the document depends only on the code, and
 * completing it at start was about a sixth of the main thread's start-up.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiDocument implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final Set<String> PUBLIC_PATHS = Set.of("/.well-known/authzen-configuration");

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("400", "the request is malformed: a parameter or the body (`code` says which)"),
            Map.entry(
                    "401",
                    "no credential, or one that is not valid (`authentication-required`, `invalid-credentials`)"),
            Map.entry(
                    "403",
                    "the caller lacks the role, or a cross-site request (`role-required`, `cross-origin-refused`)"),
            Map.entry("404", "no such resource (named in the path)"),
            Map.entry("406", "the path cannot answer in the media type asked for"),
            Map.entry("409", "the resource is in a state that refuses the call"),
            Map.entry("413", "the body is larger than the server takes"),
            Map.entry("415", "the body is not `application/json`"),
            Map.entry(
                    "422",
                    "understood but refused: an unknown party, a rule set that does not compile or fails its tests"),
            Map.entry("500", "the server failed; the details stay in its log"),
            Map.entry("503", "the server cannot answer now: out of memory, the database or the audit log unavailable"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths()
                    .getPathItems()
                    .forEach((path, item) ->
                            item.getOperations().forEach((method, operation) -> complete(path, method, operation)));
        }
        dropUnreferencedSchemas(openAPI);
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        responses.getAPIResponses().values().forEach(OpenApiDocument::pagesAreText);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        Set<String> statuses = new HashSet<>(List.of("406", "500", "503"));
        if (!PUBLIC_PATHS.contains(path)) {
            statuses.addAll(List.of("401", "403"));
        }
        if (body || !parameters.isEmpty()) {
            statuses.add("400");
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            statuses.add("404");
        }
        if (body) {
            statuses.add("413");
        }
        if (body || changes) {
            statuses.add("415");
        }
        if (changes && (path.equals("/v1/decisions") || path.startsWith("/v1/policy"))) {
            statuses.add("422");
        }
        if (path.endsWith("/replay")) {
            statuses.add("409");
        }
        for (String status : new TreeSet<>(statuses)) {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, problem(DESCRIPTIONS.get(status)));
            } else if (status.startsWith("4") || status.startsWith("5")) {
                responses.getAPIResponse(status).setContent(problemContent());
            }
        }
    }

    /** An HTML page or a stylesheet is text; its schema is not the template object that renders it. */
    private static void pagesAreText(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        response.getContent().getMediaTypes().forEach((type, media) -> {
            if (type.startsWith("text/")) {
                media.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
            }
        });
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        MediaType media =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF_PREFIX + PROBLEM));
        return OASFactory.createContent().addMediaType(PROBLEM_JSON, media);
    }

    /** RFC 9457 with Clearance's stable {@code code}; see {@link Problem}. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `code` is stable (README's error table)")
                .addProperty("type", text)
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("code", text)
                .required(List.of("title", "status", "code"));
    }

    /** Keeps the schemas an operation reaches, through references, and drops the rest. */
    private static void dropUnreferencedSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>();
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(op -> {
                    if (op.getRequestBody() != null) {
                        addContent(op.getRequestBody().getContent(), todo);
                    }
                    if (op.getParameters() != null) {
                        op.getParameters().forEach(p -> add(p.getSchema(), todo));
                    }
                    if (op.getResponses() != null) {
                        op.getResponses().getAPIResponses().values().forEach(r -> addContent(r.getContent(), todo));
                    }
                }));
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(REF_PREFIX)) {
                String name = schema.getRef().substring(REF_PREFIX.length());
                if (reached.add(name) && schemas.get(name) != null) {
                    todo.push(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(s -> add(s, todo));
            }
            add(schema.getItems(), todo);
            add(schema.getAdditionalPropertiesSchema(), todo);
            add(schema.getNot(), todo);
            for (List<Schema> group : List.of(
                    nullToEmpty(schema.getAllOf()), nullToEmpty(schema.getAnyOf()), nullToEmpty(schema.getOneOf()))) {
                group.forEach(s -> add(s, todo));
            }
        }
        for (String name : List.copyOf(schemas.keySet())) {
            if (!reached.contains(name)) {
                openAPI.getComponents().removeSchema(name);
            }
        }
    }

    private static void addContent(Content content, Deque<Schema> todo) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> add(m.getSchema(), todo));
        }
    }

    private static void add(Schema schema, Deque<Schema> todo) {
        if (schema != null) {
            todo.push(schema);
        }
    }

    private static List<Schema> nullToEmpty(List<Schema> list) {
        return list == null ? List.of() : list;
    }
}
