package io.clearance.security;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** What the security tests share: requests as a given caller, and keys made through the admin API. */
final class SecurityTestSupport {

    static final String PROBLEM_JSON = "application/problem+json";

    private SecurityTestSupport() {}

    static RequestSpecification as(String bearer) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return bearer == null ? spec : spec.header("Authorization", "Bearer " + bearer);
    }

    static RequestSpecification asAdmin() {
        return as(SecuredProfile.ADMIN_KEY);
    }

    /** Creates a key through the admin API and returns the created answer (id, name, roles, key). */
    static Map<String, Object> createKey(String name, List<String> roles) {
        return asAdmin()
                .body(Map.of("name", name, "roles", roles))
                .when()
                .post("/v1/admin/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
    }

    static String keyFor(String role) {
        return (String) createKey("matrix-" + role, List.of(role)).get("key");
    }
}
