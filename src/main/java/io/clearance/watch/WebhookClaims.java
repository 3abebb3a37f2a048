package io.clearance.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which events this instance sends, and the durable record of each delivery ({@link DeliveryClaims} in the
 * server). Every method but {@link #claim} does nothing by default: a sender alone, with no database.
 */
interface WebhookClaims {

    /**
     * The token of this instance's claim of {@code eventId} (what its outcome is recorded under), or empty
     * when another instance sends it; throws when it cannot be told.
     */
    Optional<String> claim(String eventId, String watchId, String body);

    /**
     * Keeps {@code eventId} pending with no lease, for whichever instance has room (the queue was full), unless
     * another instance claimed it; throws when it cannot be kept (with no database, always).
     */
    default void spill(String eventId, String watchId, String body) {
        throw new IllegalStateException("no database to keep events beyond the queue in");
    }

    /** The delivery ended: {@link DeliveryClaims#DELIVERED} or {@link DeliveryClaims#DEAD_LETTERED}. */
    default void ended(String eventId, String token, String state) {}

    /** The attempt {@code attempts} failed; the next is due at {@code next}. */
    default void retrying(String eventId, String token, int attempts, Instant next) {}

    /** Renews the lease of every delivery this instance holds. */
    default void renew() {}

    /**
     * Takes up at most {@code max} deliveries this instance's previous process left pending (at the start), and
     * leaves the rest to whoever has room.
     */
    default List<Held> resume(int max) {
        return List.of();
    }

    /** Takes at most {@code max} deliveries that nobody holds any longer. */
    default List<Held> takeOver(int max) {
        return List.of();
    }

    /**
     * A pending delivery taken from the database: the body exactly as first sent, the attempts made, when the
     * next is due, and this instance's claim token.
     */
    record Held(String eventId, String watchId, String body, int attempts, Instant nextAttempt, String token) {}
}
