package io.clearance.registry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A direct stake as stored: {@code ownerId} holds {@code percent} of {@code ownedId}. */
@Entity
@Table(name = "stake")
@IdClass(StakeEntity.Key.class)
public class StakeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "owned_id")
    public String ownedId;

    @Id
    @Column(name = "owner_id")
    public String ownerId;

    /** Exact decimal, at most six places; never a float. */
    @Column(nullable = false, precision = 9, scale = 6)
    public BigDecimal percent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The composite key: one stake per (owned, owner) pair. */
    public static class Key implements Serializable {
        public String ownedId;
        public String ownerId;

        public Key() {}

        public Key(String ownedId, String ownerId) {
            this.ownedId = ownedId;
            this.ownerId = ownerId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.ownedId.equals(ownedId) && key.ownerId.equals(ownerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ownedId, ownerId);
        }
    }
}
