package io.clearance.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    @Test
    void aGeneratedKeyCarriesItsIdAndMatchesOnlyItsOwnHash() {
        ApiKeySecret.Generated one = ApiKeySecret.generate();
        ApiKeySecret.Generated two = ApiKeySecret.generate();
        assertNotEquals(one.key(), two.key());
        assertEquals(Optional.of(one.id()), ApiKeySecret.idOf(one.key()));
        assertEquals(4 + 16 + 1 + 43, one.key().length());
        String hash = ApiKeySecret.hash(one.key());
        assertEquals(64, hash.length());
        assertFalse(hash.contains(one.key().substring(21)), "the hash is not the key");
        assertTrue(ApiKeySecret.matches(one.key(), hash));
        assertFalse(ApiKeySecret.matches(two.key(), hash));
        assertFalse(ApiKeySecret.matches(one.key() + "x", hash));
        assertFalse(ApiKeySecret.matches(one.key(), "not hex"));
    }

    @Test
    void onlyKeysOfClearancesShapeHaveAnId() {
        assertEquals(Optional.empty(), ApiKeySecret.idOf("clr_short"));
        assertEquals(Optional.empty(), ApiKeySecret.idOf("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
        assertEquals(Optional.empty(), ApiKeySecret.idOf("clr_0123456789ABCDEF_" + "a".repeat(43)));
    }
}
