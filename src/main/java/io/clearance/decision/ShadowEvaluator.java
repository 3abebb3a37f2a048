package io.clearance.decision;

import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.graph.OwnershipGraph;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Evaluates every live decision again under the shadow rule set, on a thread of its own, and keeps the
 * disagreements. It never slows or fails the live answer: work is handed over through a bounded queue,
 * and when the queue is full the comparison is skipped and counted rather than waited for.
 */
@ApplicationScoped
public class ShadowEvaluator {

    private static final Logger LOG = Logger.getLogger(ShadowEvaluator.class);
    private static final int KEPT_DIFFS = 10_000;

    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final Decider decider;
    private final Deque<ShadowDiff> diffs = new ArrayDeque<>();
    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong disagreed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // One thread, a bounded queue, and a full queue skips (and counts) rather than blocks the caller.
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
                Thread thread = new Thread(r, "clearance-shadow");
                thread.setDaemon(true);
                return thread;
            },
            (task, pool) -> skipped.incrementAndGet());
    private volatile String countingFor;

    ShadowEvaluator(PolicyEngine engine, OwnershipGraph graph, Decider decider) {
        this.engine = engine;
        this.graph = graph;
        this.decider = decider;
    }

    /** Hands a live decision over for comparison, if a shadow is installed; returns at once. */
    public void offer(DecisionQuery query, Decision live) {
        Optional<RuleSet> shadow = engine.shadow();
        if (shadow.isEmpty()) {
            return;
        }
        RuleSet candidate = shadow.get();
        executor.execute(() -> compare(candidate, query, live));
    }

    /** The counts and the newest disagreements first, for the shadow now installed. */
    public synchronized Summary summary(int limit) {
        List<ShadowDiff> newest = diffs.stream().limit(limit).toList();
        return new Summary(countingFor, compared.get(), disagreed.get(), skipped.get(), failed.get(), newest);
    }

    /** Forgets what was recorded; called when a shadow is installed, promoted or dropped. */
    public synchronized void reset(String shadowVersion) {
        diffs.clear();
        compared.set(0);
        disagreed.set(0);
        skipped.set(0);
        failed.set(0);
        countingFor = shadowVersion;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void compare(RuleSet candidate, DecisionQuery query, Decision live) {
        if (!candidate.version().equals(countingFor)) {
            return; // the shadow changed since this was queued
        }
        try {
            Decision shadow = decider.decide(live.decisionId(), query, candidate, graph);
            compared.incrementAndGet();
            List<String> liveRules = live.reasons().stream().map(Reason::rule).toList();
            List<String> shadowRules =
                    shadow.reasons().stream().map(Reason::rule).toList();
            if (live.decision() != shadow.decision() || !liveRules.equals(shadowRules)) {
                disagreed.incrementAndGet();
                record(new ShadowDiff(
                        Instant.now(),
                        live.decisionId(),
                        live.subject(),
                        live.action(),
                        live.onBehalfOf(),
                        live.policyVersion(),
                        live.decision(),
                        liveRules,
                        candidate.version(),
                        shadow.decision(),
                        shadowRules));
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.debug("shadow evaluation failed", e);
        }
    }

    private synchronized void record(ShadowDiff diff) {
        diffs.addFirst(diff);
        if (diffs.size() > KEPT_DIFFS) {
            diffs.removeLast();
        }
    }

    /**
     * What the shadow found so far.
     *
     * @param skipped comparisons not made because the shadow fell behind live traffic
     */
    public record Summary(
            String shadowVersion, long compared, long disagreed, long skipped, long failed, List<ShadowDiff> diffs) {}
}
