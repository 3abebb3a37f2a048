package io.clearance.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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
}
