package io.clearance.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Fires a session's rules within {@link EvaluationLimits}: before each firing it checks the time spent and
 * halts the session when the budget is gone; it counts firings; it catches what a rule throws. Whatever
 * stopped the run comes back as an {@link Indeterminate} naming the rule, never as an exception, so that
 * the caller can fail closed. One guard per session; not thread-safe.
 */
final class GuardedRun extends DefaultAgendaEventListener {

    // Drools names the rule of a failing condition in its message: `... in [Rule "name" in file.drl]`.
    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("Rule \"([^\"]+)\"");

    private final KieSession session;
    private final EvaluationLimits limits;
    private final Start started;
    private String overBudget;
    private String lastFired;

    /** When a run began, by the wall clock and by this thread's CPU clock. */
    record Start(long wall, long cpu) {}

    /** Marks the beginning of a run, before its facts are inserted. */
    static Start start() {
        return new Start(System.nanoTime(), cpuTime());
    }

    private GuardedRun(KieSession session, EvaluationLimits limits, Start started) {
        this.session = session;
        this.limits = limits;
        this.started = started;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** This thread's CPU time, or -1 where the JVM cannot tell (then wall time alone decides). */
    private static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private long cpuSpent() {
        long now = cpuTime();
        return now < 0 || started.cpu() < 0 ? Long.MAX_VALUE : now - started.cpu();
    }

    /**
     * Fires every rule of {@code session} within {@code limits}; null when the rules came to rest.
     *
     * @param started {@link #start()} when the run began (before the facts were inserted)
     */
    static Indeterminate fire(KieSession session, EvaluationLimits limits, Start started, Collection<String> rules) {
        GuardedRun guard = new GuardedRun(session, limits, started);
        session.addEventListener(guard);
        try {
            int fired = session.fireAllRules(limits.maxFirings());
            if (guard.overBudget != null) {
                return new Indeterminate(
                        guard.overBudget,
                        Indeterminate.Cause.BUDGET_EXCEEDED,
                        "the rules ran past their budget of " + limits.budget().toMillis() + " ms");
            }
            if (fired >= limits.maxFirings()) {
                return new Indeterminate(
                        guard.lastFired,
                        Indeterminate.Cause.TOO_MANY_FIRINGS,
                        "rules fired " + fired + " times without coming to rest; a rule loops");
            }
            return null;
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Indeterminate(
                    e.getMatch().getRule().getName(), Indeterminate.Cause.RULE_FAILED, describe(cause));
        } catch (RuntimeException | StackOverflowError e) {
            return new Indeterminate(ruleNamedIn(e, rules), Indeterminate.Cause.RULE_FAILED, describe(e));
        }
    }

    /**
     * Makes a run, and makes it once more when it ran past its budget while {@code cold}: no run of the rule base
     * has come to rest yet. The one place this is decided, for every caller of {@link RuleSet#evaluate}
     * (decisions, shadow, scenarios, impact, replay).
     *
     * <p>Why it is still needed beside the warm-up: the first run of a newly compiled rule base loads Drools'
     * generated classes on the running thread, against the budget, and a loaded machine makes that slower still;
     * a rule that really computes too long does so on the second run too, a cold start does not. A rule set that
     * serves, shadows or is tested never gets here cold: it was warmed first ({@link RuleSetWarmer}), off the
     * budget. What may still run cold is a rule set nobody warmed: a replay under a past version compiled on
     * demand, the command line's impact analysis, a test's. Those get this second chance rather than each caller
     * its own ({@code RuleSetCompiler} warms its own first run, reading the parameters, instead).
     *
     * @param failure what made a run indeterminate; {@code null} when it came to rest
     * @param retrying told of the first run's overrun before the run is made again
     */
    static <T> T onceMoreWhenCold(
            boolean cold, Supplier<T> run, Function<T, Indeterminate> failure, Consumer<Indeterminate> retrying) {
        T first = run.get();
        Indeterminate failed = failure.apply(first);
        if (cold && failed != null && failed.cause() == Indeterminate.Cause.BUDGET_EXCEEDED) {
            retrying.accept(failed);
            return run.get();
        }
        return first;
    }

    /** Inserts facts, whose conditions Drools may evaluate at once; a failing condition is caught like a rule. */
    static Indeterminate insert(KieSession session, Iterable<?> facts, Collection<String> rules) {
        try {
            for (Object fact : facts) {
                session.insert(fact);
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return new Indeterminate(ruleNamedIn(e, rules), Indeterminate.Cause.RULE_FAILED, describe(e));
        }
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        lastFired = event.getMatch().getRule().getName();
        // Wall time first (cheap); then the thread's CPU time, which is what a runaway rule spends: rules can
        // neither sleep nor wait on I/O (the verifier refuses both), so a run that is late only because a busy
        // machine starved its thread is not over budget.
        if (overBudget == null
                && System.nanoTime() - started.wall() > limits.budget().toNanos()
                && cpuSpent() > limits.budget().toNanos()) {
            // The rule about to fire is named: it is where the time ran out, the likeliest culprit.
            overBudget = lastFired;
            session.halt();
        }
    }

    /**
     * The rule a failure happened in: the consequence's, or the one Drools names in its message, or the one
     * whose generated class (an eval's or a constraint's, {@code Rule_<name with _>...}) it mentions.
     */
    private static String ruleNamedIn(Throwable e, Collection<String> rules) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConsequenceException consequence && consequence.getMatch() != null) {
                return consequence.getMatch().getRule().getName();
            }
            String message = String.valueOf(t.getMessage());
            Matcher matcher = RULE_IN_MESSAGE.matcher(message);
            if (matcher.find()) {
                return matcher.group(1);
            }
            String named = null;
            for (String rule : rules) {
                String generated = "Rule_" + rule.replaceAll("[^A-Za-z0-9_$]", "_");
                if (message.contains(generated) && (named == null || rule.length() > named.length())) {
                    named = rule;
                }
            }
            if (named != null) {
                return named;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank()
                ? kind
                : kind + ": " + message.lines().findFirst().orElse("");
    }
}
