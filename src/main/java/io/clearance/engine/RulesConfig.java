package io.clearance.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How long and how far rules may run for one decision ({@code clearance.rules.*}). */
@ConfigMapping(prefix = "clearance.rules")
public interface RulesConfig {

    /**
     * The time the rules may take for one decision: the CPU time of the deciding thread (a busy machine that
     * starves the thread does not count against the rules). Past it the run is halted before the next rule
     * fires, and the decision is {@code DENY}, indeterminate. The bundled rules take microseconds warm, and a rule
     * set is warmed before it serves ({@link RuleSetWarmer}), so the budget need not cover loading its classes:
     * it is there for a rule set that loops or computes too long.
     */
    @WithDefault("500ms")
    Duration decisionBudget();

    /** The most rule firings in one decision; a rule set that fires more is looping. */
    @WithDefault("10000")
    int maxFirings();

    /** How long a decision that failed under the serving rule set keeps readiness saying {@code degraded}. */
    @WithDefault("5m")
    Duration faultWindow();

    /**
     * Where compiled rule sets are kept by content hash, so that a restart reloads them instead of compiling
     * (see {@link CompiledRuleCache}); unset, every start compiles.
     */
    Optional<Path> cacheDir();
}
