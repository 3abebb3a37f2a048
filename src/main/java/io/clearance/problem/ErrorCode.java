package io.clearance.problem;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every problem code Clearance answers, with its HTTP status and the title of its problem body: the one
 * list clients can rely on. README's error table is generated from it ({@code ErrorCodeReadmeTest}).
 *
 * <p>A code may appear twice when the same refusal has two statuses: {@code unknown-party} is 404 when the
 * party is named in the path and 422 when it is named in a decision request's body.
 *
 * <p>Why this file is one piece: it is the one list of codes a client can rely on, read whole against README's
 * table; split by status, a new code could be added to one part and a clash with another go unseen.
 */
public enum ErrorCode {
    // ---- 400: the request is not what the endpoint takes ----
    MALFORMED_JSON(
            "malformed-json", 400, "Invalid request", "the body is not valid JSON, or holds more than one value"),
    UNKNOWN_FIELD(
            "unknown-field",
            400,
            "Invalid request",
            "the body has a field the endpoint does not take (a misspelt `onBehalfOf` must not skip the reseller check)"),
    INVALID_FIELD("invalid-field", 400, "Invalid request", "a field of the body has the wrong JSON type"),
    MISSING_BODY("missing-body", 400, "Invalid request", "the endpoint needs a JSON body"),
    INVALID_PARTY_ID(
            "invalid-party-id", 400, "Invalid request", "an id is not 1–128 letters, digits, `-`, `_`, `.`, `:`"),
    INVALID_NAME("invalid-name", 400, "Invalid request", "a party's name is missing, blank or too long"),
    INVALID_KIND("invalid-kind", 400, "Invalid request", "a party's kind is not one of the four"),
    INVALID_COUNTRY("invalid-country", 400, "Invalid request", "a country is not an ISO 3166-1 alpha-2 code"),
    INVALID_NATIONALITY(
            "invalid-nationality", 400, "Invalid request", "a nationality is not an ISO 3166-1 alpha-2 code"),
    INVALID_PERCENT(
            "invalid-percent",
            400,
            "Invalid request",
            "a percentage is not above 0 and at most 100 with six decimals, or a stake has neither `percent` nor `control`"),
    INVALID_RANGE(
            "invalid-range",
            400,
            "Invalid request",
            "a stake's range holds no share or has an unknown or doubled bound; an audit search's `from` is after `to`"),
    INVALID_CONTROL("invalid-control", 400, "Invalid request", "`control` is not a list of known bases"),
    INVALID_DATE(
            "invalid-date",
            400,
            "Invalid request",
            "a date is not ISO-8601, or a stake's `validFrom` is not before its `validTo`"),
    SELF_OWNERSHIP("self-ownership", 400, "Invalid request", "a party would own itself"),
    SELF_CUSTOMER("self-customer", 400, "Invalid request", "a reseller would be its own customer"),
    INVALID_REFERENCE(
            "invalid-reference",
            400,
            "Invalid request",
            "a customer relationship's `reference` is not text of 1 to 256 characters"),
    INVALID_RESELLER("invalid-reseller", 400, "Invalid request", "a party's `reseller` is not `true` or `false`"),
    MISSING_SUBJECT("missing-subject", 400, "Invalid request", "a decision request names no `subject.partyId`"),
    MISSING_ACTION("missing-action", 400, "Invalid request", "a decision request names no `action`"),
    UNKNOWN_ACTION("unknown-action", 400, "Invalid request", "a decision request's `action` is not a known action"),
    MISSING_ON_BEHALF_OF(
            "missing-on-behalf-of", 400, "Invalid request", "a decision request's `onBehalfOf` has no `partyId`"),
    INVALID_AT("invalid-at", 400, "Invalid request", "a decision request's `at` is not an ISO-8601 instant"),
    INVALID_IDENTIFIER(
            "invalid-identifier",
            400,
            "Invalid request",
            "an identifier is not `scheme` and `id` (scheme a token as org-id.guide names them, such as `lei` or"
                    + " `gb-coh`), or is given twice"),
    INVALID_LEI(
            "invalid-lei",
            400,
            "Invalid request",
            "an `lei` identifier is not 20 characters or fails its ISO 17442 check digits (mod 97)"),
    AMBIGUOUS_SUBJECT(
            "ambiguous-subject",
            400,
            "Invalid request",
            "a decision request's `subject` or `onBehalfOf` names both a `partyId` and an `identifier`"),
    INVALID_SEARCH(
            "invalid-search",
            400,
            "Invalid request",
            "a party search has neither `q` nor `identifier`, both, a blank or over-long `q`, or a bad `limit`"),
    INVALID_WATCH(
            "invalid-watch",
            400,
            "Invalid request",
            "a watch's `scope` is not `all`, `parties` or `scheme` or lacks its `partyIds` or `scheme`, its webhook URL"
                    + " is not http(s), or an action is unknown"),
    MISSING_FILES("missing-files", 400, "Invalid request", "a candidate rule set has no `files`"),
    INVALID_DECISION("invalid-decision", 400, "Invalid request", "an audit search's `decision` is not an outcome"),
    INVALID_TIME(
            "invalid-time", 400, "Invalid request", "an audit search's `from` or `to` is not a date or an instant"),
    INVALID_CLAUSE(
            "invalid-clause",
            400,
            "Invalid request",
            "an audit search's `clause` is not a clause number such as `3.3`"),
    INVALID_CURSOR(
            "invalid-cursor", 400, "Invalid request", "an audit search's `cursor` is not one the server gave out"),
    INVALID_LIMIT("invalid-limit", 400, "Invalid request", "an audit search's `limit` is out of range"),
    UNKNOWN_IMPORT_FORMAT(
            "unknown-import-format", 400, "Invalid request", "an import's `format` is not one Clearance reads"),
    IMPORT_PATH_REFUSED(
            "import-path-refused",
            400,
            "Invalid request",
            "an import's `path` is not a file under the operator's import directory, or none is configured"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid request", "a query parameter does not have the expected type"),
    DUPLICATE_FIELD("duplicate-field", 400, "Invalid request", "a JSON object names the same field twice"),
    NUMBER_OUT_OF_RANGE(
            "number-out-of-range",
            400,
            "Invalid request",
            "a number is longer than 100 characters or its exponent is beyond ±100"),
    STRING_TOO_LONG("string-too-long", 400, "Invalid request", "a string is longer than the JSON reader takes"),
    NAME_TOO_LONG("name-too-long", 400, "Invalid request", "a field name is longer than the JSON reader takes"),
    NESTING_TOO_DEEP("nesting-too-deep", 400, "Invalid request", "the body nests deeper than 64 levels"),
    INVALID_FORMAT(
            "invalid-format",
            400,
            "Invalid request",
            "an audit export's `format` is not `jsonl` or `csv`; a fact reference's is not `json`, `markdown` or `html`"),
    MISSING_FORCE_REASON(
            "missing-force-reason",
            400,
            "Invalid request",
            "a release with `force=true` has no `reason` (forcing past the release gate must say why)"),
    MESSAGE_TOO_LONG(
            "message-too-long", 400, "Invalid request", "a release's `message` or `reason` is over 2000 characters"),
    MISSING_SCENARIO("missing-scenario", 400, "Invalid request", "a playground run has no `scenario`"),
    INVALID_REGISTRY(
            "invalid-registry", 400, "Invalid request", "a playground run's `registry` is not `scenario` or `live`"),
    BAD_REQUEST("bad-request", 400, "Bad Request", "the HTTP request itself is malformed"),
    REQUEST_ABORTED("request-aborted", 400, "Request aborted", "the connection closed before the request was read"),
    INVALID_CHARACTERS(
            "invalid-characters",
            400,
            "Invalid request",
            "a name, an id or the request target holds a control or bidirectional character (NUL, U+202E...)"),
    INVALID_RULE_FILE_NAME(
            "invalid-rule-file-name",
            400,
            "Invalid request",
            "a candidate's rule file name is not a plain `.drl` name"),
    INVALID_HEAD(
            "invalid-head",
            400,
            "Invalid request",
            "an audit verification's `headSeq` and `headHash` are not a record number and 64 hex digits, together"),
    INVALID_ROLES("invalid-roles", 400, "Invalid request", "a new API key's `roles` is empty or names an unknown role"),
    INVALID_EXPIRES_AT(
            "invalid-expires-at",
            400,
            "Invalid request",
            "a new API key's `expiresAt` is not a future ISO-8601 instant"),
    EMPTY_BATCH("empty-batch", 400, "Invalid request", "a batch's `requests` lists no decision request"),
    BATCH_TOO_LARGE(
            "batch-too-large",
            400,
            "Invalid request",
            "a batch's `requests` or an AuthZEN request's `evaluations` holds more than `clearance.batch.max-items`"),
    INVALID_EVALUATIONS(
            "invalid-evaluations", 400, "Invalid request", "AuthZEN `evaluations` is not an array of objects"),
    INVALID_EVALUATIONS_SEMANTIC(
            "invalid-evaluations-semantic",
            400,
            "Invalid request",
            "AuthZEN `options.evaluations_semantic` is not one of the three semantics"),
    INVALID_OPTIONS("invalid-options", 400, "Invalid request", "AuthZEN `options` is not an object"),
    INVALID_SUBJECT(
            "invalid-subject", 400, "Invalid request", "AuthZEN `subject` is not an object with a `type` and an `id`"),
    INVALID_ACTION("invalid-action", 400, "Invalid request", "AuthZEN `action` is not an object with a `name`"),
    MISSING_RESOURCE("missing-resource", 400, "Invalid request", "an AuthZEN evaluation has no `resource`"),
    INVALID_RESOURCE(
            "invalid-resource",
            400,
            "Invalid request",
            "AuthZEN `resource` is not an object with a `type` and an `id`"),
    INVALID_CONTEXT("invalid-context", 400, "Invalid request", "AuthZEN `context` is not an object"),
    UNSUPPORTED_SUBJECT_TYPE(
            "unsupported-subject-type",
            400,
            "Invalid request",
            "AuthZEN `subject.type` is not `organization`, `individual` or `party`"),
    INVALID_ON_BEHALF_OF(
            "invalid-on-behalf-of",
            400,
            "Invalid request",
            "AuthZEN `context.on_behalf_of` is not an object with a string `id` and a party `type`"),
    INVALID_MIN_REGISTRY_VERSION(
            "invalid-min-registry-version",
            400,
            "Invalid request",
            "AuthZEN `context.min_registry_version` or the header `X-Clearance-Min-Registry-Version` is not a"
                    + " whole number from 0"),

    // ---- 401, 403: who asks ----
    AUTHENTICATION_REQUIRED(
            "authentication-required", 401, "Unauthorized", "no `Authorization: Bearer` credential was sent"),
    INVALID_CREDENTIALS(
            "invalid-credentials", 401, "Unauthorized", "the credential is unknown, revoked, expired or not valid"),
    ROLE_REQUIRED("role-required", 403, "Forbidden", "the caller's roles do not allow the method on the path"),
    CROSS_ORIGIN_REFUSED(
            "cross-origin-refused",
            403,
            "Forbidden",
            "a state-changing request from a foreign `Origin` not in `clearance.auth.allowed-origins`"),
    AUDITOR_ROLE_REQUIRED(
            "auditor-role-required", 403, "Forbidden", "the audit trail is read by the `auditor` role only"),
    UNKNOWN_PARTY_AT_GATEWAY(
            "unknown-party",
            403,
            "Unknown party",
            "nginx auth_request names a party the registry does not hold: the client is refused, not cleared"),

    // ---- 404 ----
    UNKNOWN_PARTY("unknown-party", 404, "Not found", "no such party (named in the path)"),
    UNKNOWN_STAKE("unknown-stake", 404, "Not found", "no such stake to delete"),
    UNKNOWN_IMPORT("unknown-import", 404, "Not found", "no such import job (jobs are kept until the server stops)"),
    UNKNOWN_CUSTOMER("unknown-customer", 404, "Not found", "the party is not registered as the reseller's customer"),
    UNKNOWN_DECISION("unknown-decision", 404, "Not found", "no such decision in the audit log"),
    NO_SHADOW("no-shadow", 404, "No shadow", "no shadow rule set is installed"),
    UNKNOWN_POLICY_VERSION(
            "unknown-policy-version",
            404,
            "Unknown policy version",
            "activating or diffing a policy version that never served"),
    UNKNOWN_API_KEY("unknown-api-key", 404, "Not found", "no such API key to revoke"),
    UNKNOWN_WATCH("unknown-watch", 404, "Not found", "no such watch"),
    NOT_FOUND("not-found", 404, "Not Found", "no such path"),

    // ---- 405 to 431: the HTTP method, media type and size ----
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method Not Allowed", "the path does not take this method"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not Acceptable", "the path cannot answer in the media type asked for"),
    BODY_TIMEOUT(
            "body-timeout",
            408,
            "Request timeout",
            "the body did not arrive within `clearance.http.body-read-timeout`, or an import's upload stalled for"
                    + " `clearance.import.body-stall-timeout`"),
    BODY_TOO_LARGE(
            "body-too-large",
            413,
            "Request body too large",
            "the body is larger than the server takes (an import's: `clearance.import.max-body-size`)"),
    URI_TOO_LONG("uri-too-long", 414, "URI too long", "the request target is longer than the server takes"),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            415,
            "Unsupported Media Type",
            "the body is not in a media type the path takes; a state-changing request is not `application/json`"),
    TOO_BUSY("busy", 429, "Busy", "as many candidate runs (test, impact, playground) as the server allows are running"),
    HEADERS_TOO_LARGE(
            "headers-too-large",
            431,
            "Request header fields too large",
            "the request headers are larger than the server takes"),

    // ---- 409: conflicts with the state ----
    STAKES_EXCEED_100(
            "stakes-exceed-100",
            409,
            "Conflicts with the registry",
            "the minimum shares of the stakes into one party in force at one instant would add up to more than 100%"),
    NOT_A_RESELLER(
            "not-a-reseller",
            409,
            "Conflicts with the registry",
            "registering customers, or asking a report, for a party not declared `\"reseller\": true`"),
    PARTY_HAS_STAKES(
            "party-has-stakes",
            409,
            "Conflicts with the registry",
            "deleting a party that holds or is held, without `withStakes=true`"),
    IDENTIFIER_TAKEN(
            "identifier-taken",
            409,
            "Conflicts with the registry",
            "an identifier given to a party already belongs to another party"),
    NOT_REPLAYABLE("not-replayable", 409, "Not replayable", "the decision was refused before the rules ran"),
    ENVIRONMENT_KEY(
            "environment-key",
            409,
            "Key set by the environment",
            "revoking the admin key of `CLEARANCE_ADMIN_KEY`, which is not stored: remove it from the environment"),
    POLICY_VERSION_TAMPERED(
            "policy-version-tampered",
            409,
            "Policy version tampered",
            "a stored policy version's files no longer match their hash: never replayed or activated"),

    // ---- 422: understood, and refused ----
    UNKNOWN_PARTY_IN_REQUEST("unknown-party", 422, "Unknown party", "no such party (named in a decision request)"),
    RULE_SET_REJECTED(
            "rule-set-rejected",
            422,
            "Rule set rejected",
            "the rule files do not compile or lack metadata; every error listed"),
    RULE_SET_FAILED_TESTS(
            "rule-set-failed-tests",
            422,
            "Rule set failed its tests",
            "reload, promote or activate of a rule set that fails a scenario or leaves a rule uncovered, without"
                    + " `force=true`; every failure listed"),
    INVALID_RECORD(
            "invalid-record",
            422,
            "A record cannot be imported",
            "a record of an import file cannot be read or recorded"),
    MALFORMED_FILE("malformed-file", 422, "A file cannot be imported", "an import file is not in the format named"),
    INVALID_SCENARIO("invalid-scenario", 422, "A scenario file cannot be run", "a scenario file cannot be read or run"),

    // ---- 5xx: the server's side ----
    RULE_EVALUATION_FAILED("rule-evaluation-failed", 500, "The rules failed", "a rule failed while deciding"),
    INTERNAL_ERROR("internal-error", 500, "Internal error", "anything else; the details stay in the server log"),
    DECISION_FAILED(
            "decision-failed",
            500,
            "Decision failed",
            "deciding broke (the decision is refused and logged); the details stay in the server log"),
    OUT_OF_MEMORY("out-of-memory", 503, "Decision failed", "the server ran out of memory while deciding; retry later"),
    AUDIT_UNAVAILABLE(
            "audit-unavailable",
            503,
            "Audit log unavailable",
            "the decision could not be logged, so it is not answered"),
    CANCELLED(
            "cancelled",
            503,
            "Cancelled",
            "a candidate run was stopped: its client went away or the server is stopping"),
    TOO_MANY_STREAMS(
            "too-many-streams",
            503,
            "Too many streams",
            "the server holds as many watch event streams open as `clearance.watches.stream-max` allows; retry"
                    + " later (or on another instance)"),
    BUDGET_EXCEEDED(
            "budget-exceeded",
            503,
            "Time budget exceeded",
            "a candidate run took longer than `clearance.authoring.time-budget` and was stopped"),
    RULES_FAILED_AT_GATEWAY(
            "rule-evaluation-failed",
            503,
            "The rules failed",
            "a gateway interface's request made a rule fail: unavailable, so the gateway refuses"),
    UNDECIDABLE(
            "undecidable",
            503,
            "Clearance could not decide",
            "a gateway interface's request could not be decided (the details stay in the server log): unavailable,"
                    + " so the gateway refuses"),
    REGISTRY_BEHIND(
            "registry-behind",
            503,
            "Registry behind",
            "a decision asked for `minRegistryVersion` and this instance's registry did not reach it in time; retry"),
    DATABASE_UNAVAILABLE(
            "database-unavailable",
            503,
            "Database unavailable",
            "a write or a read that needs the database while it cannot be reached; decisions go on meanwhile, and"
                    + " nothing was changed"),
    IMPORT_SPOOL_FAILED(
            "import-spool-failed",
            507,
            "Insufficient storage",
            "an uploaded import file could not be written to the spool directory (a full disk): nothing was imported");

    private final String code;
    private final int status;
    private final String title;
    private final String when;

    ErrorCode(String code, int status, String title, String when) {
        this.code = code;
        this.status = status;
        this.title = title;
        this.when = when;
    }

    /** The stable code clients branch on, as in {@code "code": "unknown-party"}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The problem's {@code title}: short, the same for every problem of this code. */
    public String title() {
        return title;
    }

    /** When it is answered, for people: README's table. */
    public String when() {
        return when;
    }

    /** The code answered for an HTTP status that Quarkus itself refuses (no route, wrong method...). */
    public static Optional<ErrorCode> forHttpStatus(int status) {
        return switch (status) {
            case 400 -> Optional.of(BAD_REQUEST);
            case 404 -> Optional.of(NOT_FOUND);
            case 405 -> Optional.of(METHOD_NOT_ALLOWED);
            case 406 -> Optional.of(NOT_ACCEPTABLE);
            case 415 -> Optional.of(UNSUPPORTED_MEDIA_TYPE);
            default -> status >= 500 ? Optional.of(INTERNAL_ERROR) : Optional.empty();
        };
    }

    /** The constant with this code, the first if it has two statuses. */
    public static Optional<ErrorCode> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** The constant with this code and status, if there is one. */
    public static Optional<ErrorCode> of(String code, int status) {
        return Arrays.stream(values())
                .filter(c -> c.code.equals(code) && c.status == status)
                .findFirst();
    }
}
