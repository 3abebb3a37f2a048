package io.clearance.engine;

/**
 * Why a run of the rules reached no trustworthy result: a rule threw, the run exceeded its time budget, or
 * rules kept firing. Clearance then fails closed: the decision is {@code DENY}, indeterminate, naming the
 * rule.
 *
 * @param rule the rule that threw, or that was about to fire when the budget ran out; {@code null} when
 *     no rule can be named (a condition failed outside any rule's firing)
 * @param detail what happened, for the log and the decision's reason
 */
public record Indeterminate(String rule, Cause cause, String detail) {

    /** What stopped the run; the names are stable (they appear in decisions, logs and metrics). */
    public enum Cause {
        RULE_FAILED("rule-failed"),
        BUDGET_EXCEEDED("budget-exceeded"),
        TOO_MANY_FIRINGS("too-many-firings");

        private final String code;

        Cause(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The rule's name, or a placeholder when none can be named. */
    public String ruleOrUnknown() {
        return rule == null ? "(unknown rule)" : rule;
    }
}
