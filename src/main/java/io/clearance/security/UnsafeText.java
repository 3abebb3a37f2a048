package io.clearance.security;

/**
 * Characters that have no business in a name or an id and can make a log line or a page lie: NUL and the
 * other C0 and C1 control characters, DEL, and the Unicode bidirectional controls (U+202A..U+202E,
 * U+2066..U+2069, U+200E, U+200F, U+061C) that reorder text on screen ("Trojan Source").
 */
public final class UnsafeText {

    private UnsafeText() {}

    /** The index of the first unsafe character of {@code text}, or -1 when there is none (or no text). */
    public static int firstUnsafe(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public static boolean unsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e
                || c == 0x200f
                || c == 0x061c;
    }

    /** {@code text} with every unsafe character written as {@code \\u{XXXX}}, safe to echo in a message. */
    public static String shown(String text) {
        if (text == null || firstUnsafe(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                out.append(String.format("\\u{%04X}", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
