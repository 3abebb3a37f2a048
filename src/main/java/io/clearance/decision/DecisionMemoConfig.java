package io.clearance.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The decision memo ({@link DecisionMemo}): whether it answers, and how many decisions it holds at most. */
@ConfigMapping(prefix = "clearance.decisions.memo")
public interface DecisionMemoConfig {

    /** Off: every request is decided afresh (the answers are the same; only slower). */
    @WithDefault("true")
    boolean enabled();

    /** The most decisions held; beyond it the least useful are evicted (Caffeine's size policy). */
    @WithDefault("100000")
    long maxEntries();
}
