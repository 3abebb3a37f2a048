package io.clearance.engine;

/** Told how each run of a rule set ended, to count failures and tell health; must be fast and thread-safe. */
public interface EvaluationObserver {

    /** Counts nothing: for the command line and tests. */
    EvaluationObserver NONE = new EvaluationObserver() {
        @Override
        public void settled(String version) {}

        @Override
        public void indeterminate(String version, Indeterminate why) {}
    };

    void settled(String version);

    void indeterminate(String version, Indeterminate why);

    /**
     * A run of a rule set that had not yet come to rest went past its budget and is made once more (see {@code
     * GuardedRun.onceMoreWhenCold}); only the second run's end is told as {@link #settled} or {@link
     * #indeterminate}. A rule set warmed before it served never gets here.
     */
    default void retriedCold(String version, Indeterminate overrun) {}
}
