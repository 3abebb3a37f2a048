package io.clearance.engine.facts;

/**
 * A policy parameter declared in DRL: what a reseller's request on behalf of a party that is not its
 * registered customer gets, {@code "review"} (the bundled policy) or {@code "deny"}. An author switches
 * it in one line:
 *
 * <pre>
 * insert(UnregisteredCustomers.review());   // or UnregisteredCustomers.deny()
 * </pre>
 */
public final class UnregisteredCustomers {

    private final boolean deny;

    private UnregisteredCustomers(boolean deny) {
        this.deny = deny;
    }

    /** Such requests go to a person. */
    public static UnregisteredCustomers review() {
        return new UnregisteredCustomers(false);
    }

    /** Such requests are refused. */
    public static UnregisteredCustomers deny() {
        return new UnregisteredCustomers(true);
    }

    /** {@code "review"} or {@code "deny"}, as evidence shows it. */
    public String getOutcome() {
        return deny ? "deny" : "review";
    }

    /** The verdict this parameter gives such a request: a {@link Review} or a {@link Deny}. */
    public Verdict verdict(String message, Evidence evidence) {
        Evidence said = Evidence.with(evidence, "unregisteredCustomers", getOutcome());
        return deny ? Deny.because(message, said) : Review.because(message, said);
    }
}
