package io.clearance.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The start-up rules of authentication, without starting the application. */
class AuthSettingsTest {

    @Test
    void onlyTheEnvironmentOrASystemPropertyMayTurnAuthenticationOffInProduction() {
        assertTrue(AuthStartup.explicit("EnvConfigSource"));
        assertTrue(AuthStartup.explicit("SysPropConfigSource"));
        assertFalse(AuthStartup.explicit(
                "PropertiesConfigSource[source=jar:file:/app/quarkus-app/app/clearance.jar!/application.properties]"));
        assertFalse(AuthStartup.explicit(null));
    }

    @Test
    void theOperatorsAdminKeyMustBeLongAndShapedLikeAKey() {
        assertThrows(IllegalStateException.class, () -> AuthStartup.checkAdminKey("secret"));
        assertThrows(IllegalStateException.class, () -> AuthStartup.checkAdminKey("clr_tooshort"));
        assertDoesNotThrow(() -> AuthStartup.checkAdminKey("clr_" + "0123456789abcdef".repeat(4)));
        // The placeholder deploy/kubernetes/secret.yaml ships, and its spellings, never start a server.
        String shipped = placeholderOfTheShippedSecret();
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> AuthStartup.checkAdminKey(shipped));
        assertTrue(refused.getMessage().contains("placeholder"));
        assertThrows(
                IllegalStateException.class,
                () -> AuthStartup.checkAdminKey("clr_CHANGEME_0123456789abcdef0123456789abcdef"));
        assertThrows(
                IllegalStateException.class,
                () -> AuthStartup.checkAdminKey("clr_please_change_me_0123456789abcdef0123456789"));
    }

    @Test
    void onlyJsonAndTypesNoFormCanSendChangeThings() {
        assertTrue(RequestGuard.accepted("application/json"));
        assertTrue(RequestGuard.accepted("application/json; charset=utf-8"));
        assertTrue(RequestGuard.accepted("application/merge-patch+json"));
        assertTrue(RequestGuard.accepted("text/csv"));
        assertFalse(RequestGuard.accepted("application/x-www-form-urlencoded"));
        assertFalse(RequestGuard.accepted("multipart/form-data; boundary=x"));
        assertFalse(RequestGuard.accepted("text/plain"));
    }

    private static String placeholderOfTheShippedSecret() {
        try {
            java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?m)^\\s*admin-key:\\s*(\\S+)\\s*$")
                    .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("deploy/kubernetes/secret.yaml")));
            assertTrue(key.find(), "the Secret has an admin-key");
            return key.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
