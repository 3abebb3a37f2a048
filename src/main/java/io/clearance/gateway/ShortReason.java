package io.clearance.gateway;

import io.clearance.decision.Decision;
import io.clearance.decision.Reason;

/**
 * The one-line reason a gateway can put in a response header: outcome, clause and rule of the first
 * deciding reason, in printable ASCII and at most 200 characters (the full reasons are in the audit record,
 * under the decision id).
 */
public final class ShortReason {

    private static final int MAX = 200;

    private ShortReason() {}

    public static String of(Decision decision) {
        if (decision.reasons().isEmpty()) {
            return decision.decision().name();
        }
        Reason first = decision.reasons().get(0);
        String text = decision.decision().name()
                + (first.clause() == null ? "" : " clause " + first.clause())
                + ": " + first.rule();
        return header(text);
    }

    /** Any text made safe for a header value. */
    public static String header(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && safe.length() < MAX; i++) {
            char c = text.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return safe.toString();
    }
}
