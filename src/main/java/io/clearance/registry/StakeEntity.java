package io.clearance.registry;

import io.clearance.domain.StakeTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A direct stake as stored: what {@code ownerId} holds in {@code ownedId}. The terms are spread over columns
 * as {@link StakeColumns} describes; read and write them through {@link #terms()} and {@link #setTerms}.
 */
@Entity
@Table(name = "stake")
@IdClass(StakeEntity.Key.class)
public class StakeEntity extends ProvenancedEntity {

    @Id
    @Column(name = "owned_id")
    public String ownedId;

    @Id
    @Column(name = "owner_id")
    public String ownerId;

    /** An exact share: decimal, at most six places, never a float; null for a range or control only. */
    @Column(precision = 9, scale = 6)
    public BigDecimal percent;

    @Column(name = "min_percent", precision = 9, scale = 6)
    public BigDecimal minPercent;

    @Column(name = "min_exclusive", nullable = false)
    public boolean minExclusive;

    @Column(name = "max_percent", precision = 9, scale = 6)
    public BigDecimal maxPercent;

    @Column(name = "max_exclusive", nullable = false)
    public boolean maxExclusive;

    /** Comma-separated wire names of {@code ControlBasis}, or null. */
    @Column(name = "control", length = 64)
    public String control;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_to")
    public Instant validTo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public StakeTerms terms() {
        return new StakeColumns(
                        percent, minPercent, minExclusive, maxPercent, maxExclusive, control, validFrom, validTo)
                .terms();
    }

    public void setTerms(StakeTerms terms) {
        StakeColumns columns = StakeColumns.of(terms);
        percent = columns.percent();
        minPercent = columns.minPercent();
        minExclusive = columns.minExclusive();
        maxPercent = columns.maxPercent();
        maxExclusive = columns.maxExclusive();
        control = columns.control();
        validFrom = columns.validFrom();
        validTo = columns.validTo();
    }

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
