package io.clearance.registry.outbox;

import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jboss.logging.Logger;

/**
 * Keeps this instance's ownership graph at the registry's newest state, whichever instance changed it: applies
 * the outbox's rows strictly by sequence, each under the graph's write lock at its own version (so the kept
 * indexes, the decision memo and the watches see it as they see every change). This instance's own writes go
 * the same way: a writer commits, then has the follower catch up to its sequence before it answers.
 *
 * <p>Woken by the writer, by {@link OutboxListener} ({@code NOTIFY} on PostgreSQL) and by a poll. A hole in the
 * sequence (a row below one already read that is not there) is waited for up to {@code gap-wait}, then made good
 * by loading the whole graph again, as is a {@code RELOAD} row (a bulk import) and any change that cannot be
 * applied: the graph never skips a change, it only ever reloads to the registry as stored. A hole the outbox's
 * pruning made ({@link RegistryOutbox#prunedThrough}) is known never to fill and is reloaded over at once.
 */
@ApplicationScoped
public class RegistryFollower {

    private static final Logger LOG = Logger.getLogger(RegistryFollower.class);

    private final OwnershipGraph graph;
    private final RegistryOutbox outbox;
    private final RegistryFollowConfig.Follow config;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final List<Consumer<RegistryChange>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clearance-registry-follower");
        thread.setDaemon(true);
        return thread;
    });
    private OutboxListener listener;
    private boolean scheduled;
    // Other wake-ups that share the listener's connection; absent when a test builds a follower itself.
    @jakarta.inject.Inject
    Notices notices;

    // invariant: the graph holds exactly the changes up to `applied` (once started; -1 before).
    private volatile long applied = -1;
    // The highest sequence known to be committed: read from the outbox or announced by NOTIFY.
    private volatile long known = -1;
    // Whether a pass has read to the end of the outbox since the graph was loaded (readiness).
    private volatile boolean caughtUpOnce;
    private long gapSince; // System.nanoTime() when the current hole was first seen; 0 when none
    private ToLongFunction<String> reload;

    /** Public for tests that stand up a second instance's graph on the same database. */
    public RegistryFollower(OwnershipGraph graph, RegistryOutbox outbox, RegistryFollowConfig config) {
        this.graph = graph;
        this.outbox = outbox;
        this.config = config.follow();
    }

    /**
     * Starts following from the graph just loaded at registry version {@code loadedAt}; {@code reload} loads
     * the whole graph again and returns the registry version it was read at. It is told why, for the graph's
     * listeners, in words; the imports the load brings in it names itself, from the outbox rows in its snapshot.
     */
    public void start(long loadedAt, ToLongFunction<String> reload) {
        synchronized (this) {
            this.reload = reload;
            applied = loadedAt;
            known = Math.max(known, loadedAt);
        }
        catchUp();
        if (config.enabled() && !scheduled) {
            scheduled = true;
            long poll = Math.max(1, config.pollInterval().toMillis());
            worker.scheduleWithFixedDelay(this::catchUpQuietly, poll, poll, TimeUnit.MILLISECONDS);
            if (config.listen() && outbox.notifies()) {
                listener = new OutboxListener(outbox, config.maxBackoff(), this::announced, notices);
                listener.start();
            }
        }
    }

    /**
     * Tells {@code listener} of every change applied one by one, in order, once the graph shows it (a reload
     * is told to the graph's own listeners as one): for what this instance keeps beside the graph.
     */
    public void onApplied(Consumer<RegistryChange> listener) {
        listeners.add(listener);
    }

    /** The registry version the graph stands at: every change up to it applied, none after; -1 before start. */
    public long applied() {
        return applied;
    }

    /** True once the graph is loaded and a pass has read the outbox to its end since. */
    public boolean caughtUp() {
        return applied >= 0 && caughtUpOnce && applied >= known;
    }

    /** The highest registry version known to be committed (for readiness' detail). */
    public long known() {
        return known;
    }

    /**
     * Applies every committed change after {@link #applied()}, in order, and returns the version reached.
     * Stops at a hole younger than {@code gap-wait}, to be tried again.
     *
     * @throws IllegalStateException when the outbox cannot be read
     */
    public synchronized long catchUp() {
        if (applied < 0) {
            return applied; // not loaded yet: the load reads whatever is committed
        }
        try {
            while (true) {
                List<RegistryChange> rows = outbox.after(applied, config.batchSize());
                if (rows.isEmpty()) {
                    gapSince = 0;
                    caughtUpOnce = true;
                    break;
                }
                known = Math.max(known, rows.get(rows.size() - 1).seq());
                if (!applyInOrder(rows)) {
                    break; // waiting for a hole to fill
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry's outbox: " + e.getMessage(), e);
        } finally {
            release();
        }
        return applied;
    }

    /**
     * Catches up to at least {@code seq}, a change this instance just committed, so that its writer answers
     * only once its own graph shows the change. Waits no longer than about {@code gap-wait} for a hole below it;
     * when the outbox cannot be read, the poll catches up later.
     */
    public void catchUpTo(long seq) {
        if (applied < 0) {
            return; // before the first load, which will read this change
        }
        long deadline = System.nanoTime() + config.gapWait().toNanos() * 2;
        try {
            while (catchUp() < seq && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } catch (IllegalStateException e) {
            LOG.warnf("registry change %d is committed but not yet in this instance's graph: %s", seq, e.getMessage());
        }
    }

    /**
     * Completes with true once the graph has reached registry version {@code seq}, with false after {@code
     * min-version-wait}; never waits when it has already.
     */
    public CompletableFuture<Boolean> reached(long seq) {
        if (applied >= seq) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter waiter = new Waiter(seq, new CompletableFuture<>());
        waiters.add(waiter);
        waiter.done()
                .completeOnTimeout(false, config.minVersionWait().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((reached, failure) -> waiters.remove(waiter));
        release(); // it may have been reached between the look above and the add
        nudge(); // do not wait for the poll: the change may be committed already
        return waiter.done();
    }

    /**
     * {@link #reached} for a request read on the event loop: true at once when it names no version ({@code
     * null}) or the graph has reached it; otherwise completed on {@code workers}, since the follower's thread
     * completes the wait and the decision that waited must not run there.
     */
    public Uni<Boolean> reachedThenOn(Long wanted, Executor workers) {
        if (wanted == null) {
            return Uni.createFrom().item(true);
        }
        CompletableFuture<Boolean> reached = reached(wanted);
        if (reached.isDone()) {
            return Uni.createFrom().item(reached.getNow(false));
        }
        return Uni.createFrom().completionStage(reached).emitOn(workers);
    }

    /**
     * The refusal of a request that asked for registry version {@code wanted} (through the field or header
     * {@code asked}) which this instance did not reach within {@code min-version-wait}.
     */
    public Refusal behind(long wanted, String asked) {
        return new Refusal(
                ErrorCode.REGISTRY_BEHIND,
                "the registry here is at version " + applied + ", not yet at " + asked + " " + wanted
                        + " after waiting " + config.minVersionWait().toMillis() + " ms: retry");
    }

    /** How long {@link #reached} waits at most. */
    public java.time.Duration minVersionWait() {
        return config.minVersionWait();
    }

    /** A wake-up: {@code seq} was committed (a NOTIFY's payload, or -1 when it carried none). */
    void announced(long seq) {
        if (seq > known) {
            known = seq;
        }
        nudge();
    }

    private void nudge() {
        if (nudged.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    nudged.set(false);
                    catchUpQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            LOG.warnf("following the registry: %s; trying again at the next poll", e.getMessage());
        }
    }

    // Applies rows while they follow on; false when stopped by a hole not yet old enough to reload over.
    private boolean applyInOrder(List<RegistryChange> rows) throws SQLException {
        for (RegistryChange row : rows) {
            if (row.seq() <= applied) {
                continue; // a reload read past it
            }
            if (row.seq() != applied + 1) {
                if (outbox.prunedThrough() > applied) {
                    // Pruned while this instance was behind: the rows will never come, so no wait.
                    LOG.infof(
                            "registry changes %d to %d were pruned from the outbox: loading the whole registry again",
                            applied + 1, row.seq() - 1);
                    reloadGraph("registry changes " + (applied + 1) + " to " + (row.seq() - 1) + " were pruned");
                    return true;
                }
                long now = System.nanoTime();
                if (gapSince == 0) {
                    gapSince = now;
                }
                if (now - gapSince < config.gapWait().toNanos()) {
                    return false;
                }
                LOG.warnf(
                        "registry changes %d to %d never showed up in the outbox: loading the whole registry again",
                        applied + 1, row.seq() - 1);
                reloadGraph("registry changes " + (applied + 1) + " to " + (row.seq() - 1) + " never showed up");
                return true;
            }
            gapSince = 0;
            if (row.kind() == RegistryChange.Kind.RELOAD) {
                reloadGraph("a reload row that names no import"); // the load names the imports it finds
                return true; // read on from where the load stands
            }
            try {
                graph.applyAt(row.seq(), () -> row.applyTo(graph));
                applied = row.seq();
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "registry change %d cannot be applied to the graph: loading the whole registry again",
                        row.seq());
                reloadGraph("registry change " + row.seq() + " could not be applied");
                return true;
            }
            tell(row);
        }
        return true;
    }

    private void tell(RegistryChange row) {
        for (Consumer<RegistryChange> listener : listeners) {
            try {
                listener.accept(row);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a listener failed on registry change %d", row.seq());
            }
        }
    }

    private void reloadGraph(String reason) {
        long loadedAt = reload.applyAsLong(reason);
        applied = Math.max(applied, loadedAt);
        known = Math.max(known, applied);
        gapSince = 0;
    }

    private void release() {
        long now = applied;
        for (Waiter waiter : waiters) {
            if (now >= waiter.seq()) {
                waiter.done().complete(true);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        worker.shutdownNow();
    }

    private record Waiter(long seq, CompletableFuture<Boolean> done) {}
}
