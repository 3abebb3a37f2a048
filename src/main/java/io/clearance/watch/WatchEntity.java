package io.clearance.watch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A watch as stored, so that subscriptions survive a restart. Lists are comma-joined (ids hold no comma). */
@Entity
@Table(name = "watch")
public class WatchEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WatchScope scope;

    @Column(name = "party_ids")
    public String partyIds;

    public String scheme;

    public String actions;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /** The stored watch {@code id}, read in a transaction of its own; empty when there is none. */
    static Optional<Watch> stored(String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Optional.ofNullable(WatchEntity.<WatchEntity>findById(id))
                        .map(Watch::of));
    }
}
