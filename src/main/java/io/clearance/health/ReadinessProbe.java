package io.clearance.health;

/**
 * One part of what a decision needs, asked whether it can serve one now. Every CDI bean implementing
 * this is asked by {@link DecisionReadiness} on each readiness request, so a part joins readiness by being
 * a bean: the audit journal proves it can write, the rule engine that a rule set serves, and so on.
 *
 * <p>A probe does real work where that is cheap (a write, a lookup), not a ping; it must answer within
 * milliseconds and must not throw (a throw counts as not ready, naming the probe).
 */
public interface ReadinessProbe {

    /** Short and stable, e.g. {@code rule-set}: the key under which readiness reports this probe. */
    String name();

    Result probe();

    /** Whether the part can serve, and what an operator should read about it. */
    record Result(boolean ready, String detail) {

        public static Result ready(String detail) {
            return new Result(true, detail);
        }

        public static Result notReady(String detail) {
            return new Result(false, detail);
        }
    }
}
