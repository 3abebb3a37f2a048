package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.clearance.security.UnsafeText;

/** Refuses names and ids holding control or bidirectional-override characters, with a 400 and a stable code. */
final class TextRules {

    private TextRules() {}

    static void check(String field, String value) {
        int at = UnsafeText.firstUnsafe(value);
        if (at >= 0) {
            throw new ProblemException(
                    ErrorCode.INVALID_CHARACTERS,
                    "`" + field + "` holds the control or bidirectional character U+"
                            + String.format("%04X", (int) value.charAt(at)) + " at position " + at
                            + ": names and ids take printable text only");
        }
    }

    static String shown(String value) {
        return UnsafeText.shown(value);
    }
}
