package io.clearance.engine.facts;

/**
 * A policy parameter declared in DRL: when a reseller's traffic needs a person's attention. Over a window
 * of {@code days} days, a reseller crosses the threshold when more than {@code refusedCustomers} distinct
 * end customers were refused, or when refused requests make up more than {@code refusedPercent} percent
 * of its requests (a whole percentage, compared exactly). Crossing it raises one {@code reseller.alert}.
 *
 * <pre>
 * insert(ResellerOversight.within(30).refusedCustomersAbove(5).refusedPercentAbove(10));
 * </pre>
 */
public final class ResellerOversight {

    private final int days;
    private final int refusedCustomers;
    private final int refusedPercent;

    private ResellerOversight(int days, int refusedCustomers, int refusedPercent) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("the oversight window must be 1 to 366 days, not " + days);
        }
        if (refusedCustomers < 0 || refusedPercent < 0 || refusedPercent > 100) {
            throw new IllegalArgumentException("oversight thresholds must be at least 0, and a percentage at most 100");
        }
        this.days = days;
        this.refusedCustomers = refusedCustomers;
        this.refusedPercent = refusedPercent;
    }

    /** A window of {@code days} days with no threshold yet (both at their largest). */
    public static ResellerOversight within(int days) {
        return new ResellerOversight(days, Integer.MAX_VALUE, 100);
    }

    /** Crossed when more than {@code count} distinct end customers were refused in the window. */
    public ResellerOversight refusedCustomersAbove(int count) {
        return new ResellerOversight(days, count, refusedPercent);
    }

    /** Crossed when refusals are more than {@code percent} percent of the reseller's requests in the window. */
    public ResellerOversight refusedPercentAbove(int percent) {
        return new ResellerOversight(days, refusedCustomers, percent);
    }

    public int getDays() {
        return days;
    }

    public int getRefusedCustomers() {
        return refusedCustomers;
    }

    public int getRefusedPercent() {
        return refusedPercent;
    }
}
