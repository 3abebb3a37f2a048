package io.clearance.gateway.authzen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clearance.gateway.MinRegistryVersion;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads AuthZEN request bodies. Unknown fields are ignored, as the specification requires of receivers
 * ("receivers MUST ignore unknown fields"), so {@code properties} and other context keys pass; a required
 * attribute that is missing or not a string is a 400, for the whole payload, as the specification says.
 */
final class AuthZenRequests {

    /** {@code options.evaluations_semantic}. */
    enum Semantic {
        EXECUTE_ALL("execute_all"),
        DENY_ON_FIRST_DENY("deny_on_first_deny"),
        PERMIT_ON_FIRST_PERMIT("permit_on_first_permit");

        final String wireName;

        Semantic(String wireName) {
            this.wireName = wireName;
        }
    }

    /** A request body that breaks the information model: answered 400 for the whole payload. */
    static final class Invalid extends Exception {
        final transient Refusal refusal;

        Invalid(ErrorCode code, String detail) {
            super(detail, null, false, false);
            this.refusal = new Refusal(code, detail);
        }
    }

    /** An evaluations request: its items with the top-level defaults applied, and how to run them. */
    record Evaluations(List<AuthZenEvaluation> items, Semantic semantic, boolean single) {}

    private AuthZenRequests() {}

    static AuthZenEvaluation evaluation(JsonNode body) throws Invalid {
        if (body == null || !body.isObject()) {
            throw new Invalid(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
        }
        return shape(body, "");
    }

    /**
     * Applies the top-level {@code subject}, {@code action}, {@code resource} and {@code context} to every
     * item that lacks them (a key given in an item replaces the default whole). Without items, or with an
     * empty array, the body is one evaluation, answered in the single evaluation's shape.
     */
    static Evaluations evaluations(JsonNode body, int maxItems) throws Invalid {
        if (body == null || !body.isObject()) {
            throw new Invalid(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
        }
        Semantic semantic = semantic(body.get("options"));
        JsonNode items = body.get("evaluations");
        if (items == null || items.isNull() || (items.isArray() && items.isEmpty())) {
            return new Evaluations(List.of(shape(body, "")), semantic, true);
        }
        if (!items.isArray()) {
            throw new Invalid(ErrorCode.INVALID_EVALUATIONS, "`evaluations` must be an array of evaluation objects");
        }
        if (items.size() > maxItems) {
            throw new Invalid(
                    ErrorCode.BATCH_TOO_LARGE,
                    "`evaluations` holds " + items.size() + " items; at most " + maxItems + " are taken at once");
        }
        List<AuthZenEvaluation> evaluations = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new Invalid(ErrorCode.INVALID_EVALUATIONS, "`evaluations[" + i + "]` must be an object");
            }
            ObjectNode merged = ((ObjectNode) item).deepCopy();
            for (String key : List.of("subject", "action", "resource", "context")) {
                if (!merged.has(key) && body.has(key)) {
                    merged.set(key, body.get(key));
                }
            }
            evaluations.add(shape(merged, "evaluations[" + i + "]."));
        }
        return new Evaluations(List.copyOf(evaluations), semantic, false);
    }

    /**
     * What in a well-shaped evaluation Clearance cannot map (subject type, end customer): a 400 problem, or
     * {@code null}. Action names, instants and unknown parties are checked where every interface checks them.
     */
    static Refusal mappingRefusal(AuthZenEvaluation evaluation) {
        if (evaluation.resolvedPartyId() == null && !AuthZenEvaluation.PARTY_TYPES.contains(evaluation.subjectType())) {
            return new Refusal(
                    ErrorCode.UNSUPPORTED_SUBJECT_TYPE,
                    "`subject.type` `" + evaluation.subjectType()
                            + "` is not one Clearance decides for: `organization`, `individual`, `party`, or an"
                            + " identifier scheme (`clearance.gateway.identifier-schemes`)");
        }
        JsonNode onBehalfOf = evaluation.onBehalfOf();
        if (onBehalfOf != null
                && (!onBehalfOf.isObject()
                        || !onBehalfOf.path("id").isTextual()
                        || !onBehalfOf.path("type").isTextual()
                        || !AuthZenEvaluation.PARTY_TYPES.contains(
                                onBehalfOf.get("type").asText()))) {
            return new Refusal(
                    ErrorCode.INVALID_ON_BEHALF_OF,
                    "`context.on_behalf_of` must be an object with a string `id` and a `type` of `organization`,"
                            + " `individual` or `party`");
        }
        JsonNode at = evaluation.at();
        if (at != null && !at.isTextual()) {
            return new Refusal(
                    ErrorCode.INVALID_AT, "`context.at` must be an ISO-8601 instant such as `2025-06-01T00:00:00Z`");
        }
        return null;
    }

    private static AuthZenEvaluation shape(JsonNode request, String prefix) throws Invalid {
        JsonNode subject = entity(request, "subject", prefix);
        String subjectType = string(subject, "type", prefix + "subject", ErrorCode.INVALID_SUBJECT);
        String subjectId = string(subject, "id", prefix + "subject", ErrorCode.INVALID_SUBJECT);
        JsonNode action = entity(request, "action", prefix);
        String actionName = string(action, "name", prefix + "action", ErrorCode.INVALID_ACTION);
        JsonNode resource = entity(request, "resource", prefix);
        String resourceType = string(resource, "type", prefix + "resource", ErrorCode.INVALID_RESOURCE);
        String resourceId = string(resource, "id", prefix + "resource", ErrorCode.INVALID_RESOURCE);
        JsonNode context = request.get("context");
        JsonNode onBehalfOf = null;
        JsonNode at = null;
        Long minRegistryVersion = null;
        if (context != null && !context.isNull()) {
            if (!context.isObject()) {
                throw new Invalid(ErrorCode.INVALID_CONTEXT, "`" + prefix + "context` must be an object");
            }
            onBehalfOf = context.get("on_behalf_of");
            at = context.get("at");
            try {
                minRegistryVersion = MinRegistryVersion.ofJson(
                        context.get("min_registry_version"), prefix + "context.min_registry_version");
            } catch (MinRegistryVersion.Invalid e) {
                throw new Invalid(e.refusal().code(), e.refusal().detail());
            }
        }
        return new AuthZenEvaluation(
                subjectType, subjectId, actionName, resourceType, resourceId, onBehalfOf, at, minRegistryVersion);
    }

    private static JsonNode entity(JsonNode request, String key, String prefix) throws Invalid {
        JsonNode entity = request.get(key);
        if (entity == null || entity.isNull()) {
            ErrorCode missing = switch (key) {
                case "subject" -> ErrorCode.MISSING_SUBJECT;
                case "action" -> ErrorCode.MISSING_ACTION;
                default -> ErrorCode.MISSING_RESOURCE;
            };
            throw new Invalid(missing, "`" + prefix + key + "` is required");
        }
        if (!entity.isObject()) {
            ErrorCode invalid = switch (key) {
                case "subject" -> ErrorCode.INVALID_SUBJECT;
                case "action" -> ErrorCode.INVALID_ACTION;
                default -> ErrorCode.INVALID_RESOURCE;
            };
            throw new Invalid(invalid, "`" + prefix + key + "` must be an object");
        }
        return entity;
    }

    private static String string(JsonNode entity, String field, String path, ErrorCode code) throws Invalid {
        JsonNode value = entity.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new Invalid(code, "`" + path + "." + field + "` is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static Semantic semantic(JsonNode options) throws Invalid {
        if (options == null || options.isNull()) {
            return Semantic.EXECUTE_ALL;
        }
        if (!options.isObject()) {
            throw new Invalid(ErrorCode.INVALID_OPTIONS, "`options` must be an object");
        }
        JsonNode value = options.get("evaluations_semantic");
        if (value == null || value.isNull()) {
            return Semantic.EXECUTE_ALL;
        }
        for (Semantic semantic : Semantic.values()) {
            if (value.isTextual() && semantic.wireName.equals(value.asText())) {
                return semantic;
            }
        }
        throw new Invalid(
                ErrorCode.INVALID_EVALUATIONS_SEMANTIC,
                "`options.evaluations_semantic` must be `execute_all`, `deny_on_first_deny` or"
                        + " `permit_on_first_permit`");
    }
}
