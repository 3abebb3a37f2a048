package io.clearance.registry.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clearance.problem.ErrorCode;
import io.clearance.registry.RegistryRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identifiers' rules without a server: scheme tokens, ISO 17442 check digits, the {@code scheme:id} form. */
class IdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"5493001KJTIIGC8Y1R12", "529900T8BM49AURSDO55", "5299000J2N45DDNE4Y28"})
    void validLeisAreKeptUpperCase(String lei) {
        assertEquals(new Identifier("lei", lei), Identifier.of("LEI", lei.toLowerCase()));
        assertEquals(new Identifier("lei", lei), Identifier.of("XI-LEI", lei));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"5493001KJTIIGC8Y1R13", "5493001KJTIIGC8Y1R21", "5493001KJTIIGC8Y1R1", "5493001KJTIIGC8Y1RAB"})
    void leisFailingTheirCheckOrFormAreRefused(String lei) {
        RegistryRejection refused = assertThrows(RegistryRejection.class, () -> Identifier.of("lei", lei));
        assertEquals(ErrorCode.INVALID_LEI, refused.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "gb coh", "gb_coh", "-gb", "gb-", "abcdefghijklmnopq"})
    void schemesThatAreNoTokenAreRefused(String scheme) {
        RegistryRejection refused = assertThrows(RegistryRejection.class, () -> Identifier.of(scheme, "1"));
        assertEquals(ErrorCode.INVALID_IDENTIFIER, refused.errorCode());
    }

    @Test
    void schemeAndIdAreReadFromTheirTextForm() {
        assertEquals(new Identifier("gb-coh", "01234567"), Identifier.parse("GB-COH:01234567"));
        assertEquals(new Identifier("opensanctions", "NK-abc:1"), Identifier.parse("opensanctions:NK-abc:1"));
        assertEquals("gb-coh:01234567", Identifier.parse("gb-coh:01234567").key());
        assertThrows(RegistryRejection.class, () -> Identifier.parse("01234567"));
        assertThrows(RegistryRejection.class, () -> Identifier.parse(":1"));
        assertThrows(RegistryRejection.class, () -> Identifier.parse("gb-coh:has space"));
    }
}
