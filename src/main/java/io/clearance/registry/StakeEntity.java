package io.clearance.registry;

import io.clearance.domain.StakeTerms;
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

/**
 * A direct stake as stored: what {@code ownerId} holds in {@code ownedId}. The terms are spread over columns
 * as {@link StakeColumns} describes; read and write them through {@link #terms()} and {@link #setTerms}.
 */
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

    /** Where the record came from ({@link Provenance}): {@code api} for what the API wrote, else an import's source. */
    @Column(name = "source", length = 32)
    public String source;

    @Column(name = "source_record_id", length = 256)
    public String sourceRecordId;

    @Column(name = "source_as_of")
    public java.time.LocalDate sourceAsOf;

    /** Marks the record as written through the API, as of now. */
    public void fromApi() {
        Provenance api = Provenance.api();
        source = api.source();
        sourceRecordId = null;
        sourceAsOf = api.asOf();
    }

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
