package io.clearance.engine.facts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an advising rule inserts: a finding that travels with the decision without changing its outcome
 * (as XACML advice does), such as {@code enhanced-due-diligence}. A stable {@code code} that gateways and
 * metrics branch on, a sentence for people, and the evidence behind it. Which rule inserted it, and so
 * which clause it cites, the engine records as the rule fires, as for a {@link Verdict}. A rule that wants
 * advice to refuse matches it ({@code Advice(code == "enhanced-due-diligence")}) and inserts a {@link Deny}.
 */
public final class Advice {

    /** Codes are lowercase words joined by hyphens, so that they read the same in JSON, metrics and logs. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final String code;
    private final String message;
    private final Evidence evidence;

    private Advice(String code, String message, Evidence evidence) {
        Objects.requireNonNull(code, "advice needs a code");
        if (code.length() > 64 || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "advice code `" + code + "` must be lowercase words joined by hyphens, at most 64 characters");
        }
        this.code = code;
        this.message = message;
        this.evidence = evidence == null ? Evidence.none() : evidence;
    }

    /** {@code Advice.because("enhanced-due-diligence", "...", $finding.evidence())}. */
    public static Advice because(String code, String message, Evidence evidence) {
        return new Advice(code, message, evidence);
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }

    public Evidence getEvidence() {
        return evidence;
    }
}
