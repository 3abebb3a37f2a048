package io.clearance.audit.resellers;

import java.util.Locale;

/**
 * Why a reseller's request for an end customer was held back, read from the deciding rule: the clause it
 * cites when the serving rule set still has the rule, else words of its name (a rule of an earlier policy).
 */
public enum RefusalKind {
    /** The end customer, the reseller or a platform is located in a banned jurisdiction. */
    BAN("ban"),
    /** Restricted through ownership or control, or possibly so (ranges). */
    OWNERSHIP("ownership"),
    /** The end customer is not the reseller's registered customer at that instant (clause 5.3). */
    UNREGISTERED("unregistered"),
    /** The request named no end customer (clause 5.2). */
    NO_END_CUSTOMER("no-end-customer"),
    /** Anything else, such as Clearance failing closed. */
    OTHER("other");

    private final String wireName;

    RefusalKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind of refusal a deciding rule stands for; {@code clause} may be null (rule no longer served). */
    public static RefusalKind of(String rule, String clause) {
        if ("5.3".equals(clause)) {
            return UNREGISTERED;
        }
        if ("5.2".equals(clause)) {
            return NO_END_CUSTOMER;
        }
        if (clause != null && clause.startsWith("2.")) {
            return BAN;
        }
        if (clause != null && clause.startsWith("3.")) {
            return OWNERSHIP;
        }
        String name = rule.toLowerCase(Locale.ROOT);
        if (name.contains("banned jurisdiction")) {
            return BAN;
        }
        if (name.contains("owned") || name.contains("ownership") || name.contains("control")) {
            return OWNERSHIP;
        }
        if (name.contains("not its registered customer")) {
            return UNREGISTERED;
        }
        if (name.contains("no end customer")) {
            return NO_END_CUSTOMER;
        }
        return OTHER;
    }
}
