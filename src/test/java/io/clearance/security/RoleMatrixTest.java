package io.clearance.security;

import static io.clearance.security.SecurityTestSupport.PROBLEM_JSON;
import static io.clearance.security.SecurityTestSupport.as;
import static io.clearance.security.SecurityTestSupport.asAdmin;
import static io.clearance.security.SecurityTestSupport.keyFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint the application serves, read from its own OpenAPI document (plus the non-REST ones:
 * health, metrics, the OpenAPI document), called by every role with an API key and with a JWT, by the
 * operator's key, with no credential, with a revoked key, an expired key, a forged and a wrongly addressed
 * token: allowed exactly where {@link #expected} says, 401 or 403 problems elsewhere.
 *
 * <p>An endpoint that {@link #expected} does not know fails the test: whoever adds an endpoint adds its
 * rule to {@code application.properties} and its line here.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

    private static final Set<String> PUBLIC = Set.of("*public*");
    private static final Set<String> ANY_AUTHENTICATED = Set.of("*authenticated*");

    @Inject
    ApiKeyStore store;

    private final Map<String, String> keyByRole = new LinkedHashMap<>();
    private final Map<String, String> tokenByRole = new LinkedHashMap<>();
    private String revokedAdminKey;
    private String expiredAdminKey;

    // Not @BeforeAll: REST Assured learns the test port only before each test.
    private void callers() {
        if (!keyByRole.isEmpty()) {
            return;
        }
        for (String role : new TreeSet<>(Roles.ALL)) {
            keyByRole.put(role, keyFor(role));
            tokenByRole.put(role, TestJwt.token("user-" + role, Set.of(role)));
        }
        Map<String, Object> revoked = SecurityTestSupport.createKey("matrix-revoked", List.of(Roles.ADMIN));
        asAdmin()
                .when()
                .delete("/v1/admin/api-keys/{id}", revoked.get("id"))
                .then()
                .statusCode(204);
        revokedAdminKey = (String) revoked.get("key");
        // An expiry in the past cannot be asked for over HTTP; the store takes it as a key that has run out.
        ApiKeySecret.Generated expired = ApiKeySecret.generate();
        store.create(
                expired.id(),
                expired.key(),
                "matrix-expired",
                Set.of(Roles.ADMIN),
                Instant.now().minusSeconds(3600),
                "test");
        expiredAdminKey = expired.key();
    }

    /**
     * Who may call what: the roles allowed (admin is always among them), {@link #PUBLIC} or
     * {@link #ANY_AUTHENTICATED}. Throws for an endpoint nobody has thought about.
     */
    static Set<String> expected(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.startsWith("/q/health") || path.equals("/.well-known/authzen-configuration")) {
            return PUBLIC;
        }
        if (path.startsWith("/q/openapi")) {
            return ANY_AUTHENTICATED;
        }
        if (path.startsWith("/q/metrics")) {
            return Set.of(Roles.METRICS, Roles.ADMIN);
        }
        if (under(path, "/v1/decisions") || under(path, "/access/v1") || under(path, "/v1/authz")) {
            return Set.of(Roles.GATEWAY, Roles.ADMIN);
        }
        if (under(path, "/v1/parties") || under(path, "/v1/registry") || under(path, "/v1/imports")) {
            return Set.of(Roles.REGISTRAR, Roles.ADMIN);
        }
        if (read
                && (path.equals("/v1/policy")
                        || under(path, "/v1/policy/versions")
                        || path.equals("/v1/policy/reference"))) {
            return Set.of(Roles.AUTHOR, Roles.AUDITOR, Roles.ADMIN);
        }
        if (under(path, "/v1/policy") || under(path, "/policy")) {
            return Set.of(Roles.AUTHOR, Roles.ADMIN);
        }
        // A reseller's report reads the audit log: auditors' (its customers are registry data, as above).
        if (under(path, "/v1/audit")
                || under(path, "/audit")
                || under(path, "/v1/watches")
                || under(path, "/v1/resellers")) {
            return Set.of(Roles.AUDITOR, Roles.ADMIN);
        }
        if (under(path, "/v1/admin")) {
            return Set.of(Roles.ADMIN);
        }
        throw new IllegalArgumentException(method + " " + path + " has no expected roles: give it a rule in"
                + " application.properties (quarkus.http.auth.permission.*) and a line in RoleMatrixTest.expected");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        callers();
        List<String[]> endpoints = endpoints();
        List<String> unknown = new ArrayList<>();
        for (String[] e : endpoints) {
            try {
                expected(e[0], e[1]);
            } catch (IllegalArgumentException ex) {
                unknown.add(ex.getMessage());
            }
        }
        if (!unknown.isEmpty()) {
            fail(String.join("\n", unknown));
        }
        return endpoints.stream()
                .map(e -> DynamicTest.dynamicTest(e[0] + " " + e[1], () -> check(e[0], e[1], concrete(e[1]))));
    }

    @TestFactory
    Stream<DynamicTest> aPathNobodyMappedIsRefusedToEveryone() {
        callers();
        return Stream.of("/v1/unmapped", "/", "/anything/else")
                .map(path -> DynamicTest.dynamicTest(path, () -> {
                    expectUnauthorized(call("GET", path, null));
                    for (String key : keyByRole.values()) {
                        expectForbidden(call("GET", path, key));
                    }
                    expectForbidden(call("GET", path, SecuredProfile.ADMIN_KEY));
                    expectForbidden(call("POST", path, SecuredProfile.ADMIN_KEY));
                }));
    }

    private void check(String method, String template, String path) {
        Set<String> allowed = expected(method, template);
        if (allowed == PUBLIC) {
            expectAllowed(call(method, path, null), method, path, "no credential");
            return;
        }
        expectUnauthorized(call(method, path, null));
        expectUnauthorized(call(method, path, revokedAdminKey));
        expectUnauthorized(call(method, path, expiredAdminKey));
        expectUnauthorized(call(method, path, "clr_0000000000000000_" + "A".repeat(43)));
        expectUnauthorized(call(method, path, TestJwt.forgedToken("mallory", Set.of(Roles.ADMIN))));
        expectUnauthorized(
                call(method, path, TestJwt.tokenForAudience("mallory", Set.of(Roles.ADMIN), "another-service")));
        expectAllowed(call(method, path, SecuredProfile.ADMIN_KEY), method, path, "the operator's key");
        for (String role : keyByRole.keySet()) {
            boolean may = allowed == ANY_AUTHENTICATED || allowed.contains(role);
            for (Map.Entry<String, String> caller : Map.of("key", keyByRole.get(role), "jwt", tokenByRole.get(role))
                    .entrySet()) {
                Response answer = call(method, path, caller.getValue());
                if (may) {
                    expectAllowed(answer, method, path, role + " " + caller.getKey());
                } else {
                    expectForbidden(answer);
                }
            }
        }
    }

    private static Response call(String method, String path, String bearer) {
        var spec = as(bearer).redirects().follow(false);
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            spec = spec.body("{}");
        }
        return spec.when().request(method, path);
    }

    private static void expectAllowed(Response answer, String method, String path, String who) {
        int status = answer.statusCode();
        assertTrue(
                status != 401 && status != 403,
                who + " should reach " + method + " " + path + " but got " + status + ": " + answer.asString());
    }

    private static void expectUnauthorized(Response answer) {
        assertEquals(401, answer.statusCode(), answer.asString());
        assertTrue(
                answer.header("WWW-Authenticate").startsWith("Bearer"),
                answer.headers().toString());
        assertEquals(PROBLEM_JSON, answer.contentType().split(";")[0]);
    }

    private static void expectForbidden(Response answer) {
        assertEquals(403, answer.statusCode(), answer.asString());
        assertEquals(PROBLEM_JSON, answer.contentType().split(";")[0]);
    }

    /** Every (method, path) of the OpenAPI document, and the endpoints outside JAX-RS. */
    private List<String[]> endpoints() {
        JsonNode doc;
        try {
            doc = new ObjectMapper()
                    .readTree(asAdmin()
                            .queryParam("format", "json")
                            .when()
                            .get("/q/openapi")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        List<String[]> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    found.add(new String[] {method, path.getKey()});
                }
            }
        }
        assertTrue(found.size() > 20, "the OpenAPI document lists the endpoints: " + found.size());
        found.add(new String[] {"GET", "/q/health"});
        found.add(new String[] {"GET", "/q/health/ready"});
        found.add(new String[] {"GET", "/q/openapi"});
        if (asAdmin().when().get("/q/metrics").statusCode() != 404) {
            found.add(new String[] {"GET", "/q/metrics"});
        }
        return found;
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "matrix-x");
    }
}
