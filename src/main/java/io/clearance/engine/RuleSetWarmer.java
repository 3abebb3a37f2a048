package io.clearance.engine;

/**
 * Runs a newly compiled rule set on representative inputs before it serves, so that its first real decision
 * does not pay for loading the rule base's generated classes against the decision budget (see {@link
 * RuleSet#forWarmUp()}). The engine names the need; a layer above, which can build requests and ownership
 * graphs, meets it ({@code authoring.RuleSetWarmUp}).
 *
 * <p>A warm-up's answers are thrown away: never audited, never counted, never memoised. It must not throw
 * for a fault of the rules; the engine logs anything it throws and serves the rule set all the same, since a
 * rule set that compiled is servable and a cold first decision still fails closed.
 */
@FunctionalInterface
public interface RuleSetWarmer {

    /** Warms nothing: for the command line and tests that build the engine by hand. */
    RuleSetWarmer NONE = rules -> {};

    /** Runs {@code rules} on representative inputs; a no-op when they were warmed before. */
    void warm(RuleSet rules);
}
