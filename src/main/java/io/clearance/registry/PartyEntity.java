package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A party as stored: the registry's source of truth, mirrored into the ownership graph. */
@Entity
@Table(name = "party")
public class PartyEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartyKind kind;

    @Column(nullable = false)
    public String country;

    public String nationality;

    /** Declared a reseller: its requests name an end customer among its registered customers (V60). */
    @Column(nullable = false)
    public boolean reseller;

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

    public PartyInfo toInfo() {
        return new PartyInfo(id, name, kind, country, nationality);
    }
}
