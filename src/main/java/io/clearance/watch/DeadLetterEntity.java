package io.clearance.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event a watch's webhook did not take after every attempt, kept for the operator to read. */
@Entity
@Table(name = "watch_dead_letter")
public class DeadLetterEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "watch_id", nullable = false)
    public String watchId;

    /** The event as it was sent, JSON. */
    @Column(nullable = false)
    public String event;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "failed_at", nullable = false)
    public Instant failedAt;

    /** Keeps {@code event} as a dead letter of {@code watch}, in a transaction of its own. */
    static void keep(Watch watch, String event, int attempts, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (WatchEntity.findById(watch.id()) == null) {
                return; // the watch was deleted meanwhile: nobody will read its dead letters
            }
            DeadLetterEntity letter = new DeadLetterEntity();
            letter.id = UUID.randomUUID().toString();
            letter.watchId = watch.id();
            letter.event = event;
            letter.attempts = attempts;
            letter.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
            letter.failedAt = Instant.now();
            letter.persist();
        });
    }
}
