package io.clearance.security;

import static io.clearance.security.SecurityTestSupport.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first start without any key creates an admin key, shows it once, and nobody else can read its file. */
@QuarkusTest
@TestProfile(BootstrapProfile.class)
class BootstrapKeyTest {

    @Test
    void theFirstStartCreatesAnAdminKeyReadableByItsOwnerOnly() throws IOException {
        String key = Files.readString(BootstrapProfile.KEY_FILE).trim();
        assertTrue(key.startsWith("clr_"), key);
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(BootstrapProfile.KEY_FILE)));

        as(null).when().get("/v1/admin/api-keys").then().statusCode(401);
        as(key).when()
                .get("/v1/admin/api-keys")
                .then()
                .statusCode(200)
                .body("keys.name", equalTo(List.of(AuthStartup.BOOTSTRAP_NAME)))
                .body("keys[0].roles", equalTo(List.of(Roles.ADMIN)))
                .body("keys[0].createdBy", equalTo("system"));
    }
}
