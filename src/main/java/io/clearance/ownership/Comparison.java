package io.clearance.ownership;

/** How an aggregate share is compared with a threshold; the policy decides which one applies. */
public enum Comparison {
    /** Strictly more than the threshold: 50% is not more than 50%. */
    GREATER_THAN(">", "more than"),
    /** The threshold or more: 50% is at least 50%. */
    AT_LEAST(">=", "at least");

    private final String symbol;
    private final String words;

    Comparison(String symbol, String words) {
        this.symbol = symbol;
        this.words = words;
    }

    public boolean holds(long share, long threshold) {
        return this == GREATER_THAN ? share > threshold : share >= threshold;
    }

    /** Whether a share that compares to the threshold as {@code signum} does (negative, zero, positive) passes. */
    public boolean holds(int signum) {
        return this == GREATER_THAN ? signum > 0 : signum >= 0;
    }

    public String symbol() {
        return symbol;
    }

    /** The comparison as an auditor reads it, e.g. "more than". */
    public String words() {
        return words;
    }
}
