package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs the authoring endpoints' heavy work (compiling and running a candidate, over the whole registry for
 * impact) within bounds: at most {@code clearance.authoring.max-concurrent} runs at once (more are 429
 * {@code busy}), each stopped when its client goes away or its {@code time-budget} is spent (503
 * {@code budget-exceeded}), and all of them when the application stops, so shutdown is not held.
 *
 * <p>A run holds its permit until its work has really ended, not merely until its request gave up: work
 * that ignores being stopped still counts against the limit, so it cannot pile up.
 */
@ApplicationScoped
public class AuthoringWork {

    private static final Logger LOG = Logger.getLogger(AuthoringWork.class);
    private static final long POLL_MILLIS = 200;

    private final Semaphore permits;
    private final Duration timeBudget;
    private final int maxConcurrent;
    private final CurrentVertxRequest current;
    private final Set<Budget> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;

    AuthoringWork(AuthoringLimitsConfig config, CurrentVertxRequest current) {
        this.maxConcurrent = config.maxConcurrent();
        this.permits = new Semaphore(maxConcurrent);
        this.timeBudget = config.timeBudget();
        this.current = current;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "authoring-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * What a run checks as it goes: {@link #check()} throws {@link CancellationException} once the run is
     * stopped. Work split across threads (impact's parallel stream) sees it through the flag, not the
     * interrupt, which reaches only the run's own thread.
     */
    public static final class Budget {

        private volatile String stopped;

        public void check() {
            if (stopped != null) {
                throw new CancellationException(stopped);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("interrupted");
            }
        }

        void stop(String why) {
            stopped = why;
        }
    }

    /** Runs {@code work} for the current HTTP request, stopped when its client goes away. */
    public <T> T run(String what, Function<Budget, T> work) {
        RoutingContext request = current.getCurrent();
        return run(
                what, request == null ? () -> false : () -> request.response().closed(), work);
    }

    <T> T run(String what, BooleanSupplier clientGone, Function<Budget, T> work) {
        if (!permits.tryAcquire()) {
            throw new ProblemException(
                    ErrorCode.TOO_BUSY,
                    maxConcurrent + " candidate run(s) are in progress already, the most this server allows at"
                            + " once; retry when one has finished");
        }
        Budget budget = new Budget();
        AtomicBoolean claimed = new AtomicBoolean();
        running.add(budget);
        Future<T> future;
        try {
            future = executor.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null; // stopped before it started; the permit went back then
                }
                try {
                    return work.apply(budget);
                } finally {
                    running.remove(budget);
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(budget);
            permits.release();
            throw stopping(what);
        }
        long deadline = System.nanoTime() + timeBudget.toNanos();
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (clientGone.getAsBoolean()) {
                        stop(budget, future, claimed, "its client went away");
                        LOG.infof("%s stopped: its client went away", what);
                        throw new ProblemException(ErrorCode.CANCELLED, what + " was stopped: the client went away");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        stop(budget, future, claimed, "its time budget is spent");
                        LOG.warnf("%s stopped: it took longer than its budget of %s", what, timeBudget);
                        throw new ProblemException(
                                ErrorCode.BUDGET_EXCEEDED,
                                what + " took longer than " + timeBudget.toSeconds()
                                        + " s (clearance.authoring.time-budget) and was stopped");
                    }
                    if (budget.stopped != null) {
                        throw stopping(what);
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                throw stopping(what);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            stop(budget, future, claimed, "its request was interrupted");
            Thread.currentThread().interrupt();
            throw stopping(what);
        }
    }

    private void stop(Budget budget, Future<?> future, AtomicBoolean claimed, String why) {
        budget.stop(why);
        future.cancel(true);
        if (claimed.compareAndSet(false, true)) {
            // It never started: nothing else gives its permit back.
            running.remove(budget);
            permits.release();
        }
    }

    /** Runs in progress now; for tests and health figures. */
    int inProgress() {
        return maxConcurrent - permits.availablePermits();
    }

    private static ProblemException stopping(String what) {
        return new ProblemException(ErrorCode.CANCELLED, what + " was stopped: the server is stopping");
    }

    @PreDestroy
    void stopAll() {
        running.forEach(budget -> budget.stop("the server is stopping"));
        executor.shutdownNow();
    }
}
