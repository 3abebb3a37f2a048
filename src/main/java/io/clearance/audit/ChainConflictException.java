package io.clearance.audit;

/**
 * A record shipped to the database finds another record already at its place in the chain: a second writer of
 * the same chain (two instances given one {@code clearance.instance.id}, or a data folder copied to another
 * machine). Nothing is overwritten; the journal keeps the records and readiness goes down until an operator
 * gives each instance its own id.
 */
public final class ChainConflictException extends IllegalStateException {

    public ChainConflictException(String message) {
        super(message);
    }
}
