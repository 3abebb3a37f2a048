package io.clearance.authoring;

import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.DecisionQuery;
import io.clearance.engine.Indeterminate;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetWarmer;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.RegistryData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Warms a newly compiled rule set before it serves, or before scenarios run on it: decides, through the same
 * {@link Decider} as a live request, every request of the bundled warm-up inputs ({@code warm-up.yaml} beside
 * this class: each of its parties alone for every action, and its cases), under the rule set's {@linkplain
 * RuleSet#forWarmUp() warm-up view}. That loads the rule base's generated classes and fills its session pool
 * off the serving path, so that the first real decision is not refused as over its budget for a cost that is
 * not its rules'.
 *
 * <p>The answers are thrown away: nothing here reaches the audit log, the decision memo or a metric (the
 * warm-up view tells no observer). A warm-up that fails is logged and stops; activation goes on, since a
 * compiled rule set is servable and a decision that still runs cold fails closed.
 */
@ApplicationScoped
public class RuleSetWarmUp implements RuleSetWarmer {

    private static final Logger LOG = Logger.getLogger(RuleSetWarmUp.class);
    private static final Scenario INPUTS = read();

    private final Decider decider;

    @Inject
    public RuleSetWarmUp(Decider decider) {
        this.decider = decider;
    }

    @Override
    public void warm(RuleSet rules) {
        if (!rules.claimWarmUp()) {
            return;
        }
        long started = System.nanoTime();
        long cpu = cpuTime();
        RuleSet warming = rules.forWarmUp();
        OwnershipGraph graph = ScenarioRunner.graphOf(INPUTS);
        int runs = 0;
        for (DecisionQuery query : queries()) {
            Decider.Traced traced;
            try {
                traced = decider.trace("warm-up", query, warming, graph);
            } catch (RuntimeException e) {
                LOG.warnf(
                        e, "rule set %s: warm-up stopped after %d runs; it serves all the same", rules.version(), runs);
                break;
            }
            runs++;
            Indeterminate failed = traced.indeterminate();
            if (failed != null && failed.cause() != Indeterminate.Cause.RULE_FAILED) {
                // Past even the warm-up's budget, or looping: these rules are slow, not cold; more runs would only
                // hold up activation. A rule that throws on one input may not on the next: go on.
                LOG.warnf(
                        "rule set %s: warm-up stopped after %d runs, rule `%s`: %s; it serves all the same",
                        rules.version(), runs, failed.ruleOrUnknown(), failed.detail());
                break;
            }
        }
        LOG.infof(
                "rule set %s warmed in %d ms (%d runs, %d ms of this thread's CPU)",
                rules.version(), (System.nanoTime() - started) / 1_000_000, runs, (cpuTime() - cpu) / 1_000_000);
    }

    private static long cpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    /** Every party alone for every action, then the cases made on behalf of someone. */
    static List<DecisionQuery> queries() {
        List<DecisionQuery> queries = new ArrayList<>();
        for (RegistryData.PartyData party : INPUTS.parties()) {
            for (Action action : Action.values()) {
                queries.add(new DecisionQuery(party.id(), action, null));
            }
        }
        for (Scenario.Case warmUpCase : INPUTS.cases()) {
            Scenario.CaseRequest request = warmUpCase.request();
            queries.add(new DecisionQuery(
                    request.subject(),
                    Action.fromWireName(request.action()).orElseThrow(),
                    request.onBehalfOf(),
                    request.at()));
        }
        return List.copyOf(queries);
    }

    private static Scenario read() {
        try (InputStream in = RuleSetWarmUp.class.getResourceAsStream("warm-up.yaml")) {
            if (in == null) {
                throw new IllegalStateException("warm-up.yaml is missing from the build");
            }
            return new ScenarioLoader().parse("warm-up.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
