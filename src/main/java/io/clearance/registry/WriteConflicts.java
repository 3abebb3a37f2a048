package io.clearance.registry;

import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Runs a registry transaction again when the database gave it up over a conflict with another writer (a
 * deadlock, a serialisation failure, a lock not granted in time): with several instances writing to one
 * database these are expected now and then, and the transaction changed nothing, so it is tried afresh a few
 * times before the error goes to the client. A refusal ({@link RegistryRejection}) is never retried.
 */
final class WriteConflicts {

    private static final Logger LOG = Logger.getLogger(WriteConflicts.class);
    static final int ATTEMPTS = 4;

    private WriteConflicts() {}

    static <T> T retrying(Callable<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.call();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                LOG.debugf(
                        "registry write conflicted with another writer (%s); attempt %d", e.getMessage(), attempt + 1);
                try {
                    Thread.sleep(5L * attempt); // a little apart, so that the same two do not meet again at once
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** SQLSTATE class 40 (deadlock, serialisation), 55P03 (PostgreSQL lock not available), HYT00 (H2 lock timeout). */
    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryRejection) {
                return false;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
