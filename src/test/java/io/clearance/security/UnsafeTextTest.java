package io.clearance.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnsafeTextTest {

    @Test
    void controlAndBidiCharactersAreFoundAndShownEscaped() {
        assertEquals(-1, UnsafeText.firstUnsafe("Spree Analytics GmbH — Berlin, 北京"));
        assertEquals(-1, UnsafeText.firstUnsafe(null));
        assertEquals(1, UnsafeText.firstUnsafe("a\u0000b"));
        assertEquals(5, UnsafeText.firstUnsafe("evil \u202Egnp.exe"));
        assertEquals(0, UnsafeText.firstUnsafe("\u2066x"));
        assertEquals(0, UnsafeText.firstUnsafe("\u001B[31m"));
        assertEquals(0, UnsafeText.firstUnsafe("\u0085"));
        assertEquals(0, UnsafeText.firstUnsafe("\u200F"));
        assertEquals("evil \\u{202E}gnp.exe", UnsafeText.shown("evil \u202Egnp.exe"));
        assertEquals("plain", UnsafeText.shown("plain"));
    }
}
