package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
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
public class PartyEntity extends ProvenancedEntity {

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

    public PartyInfo toInfo() {
        return new PartyInfo(id, name, kind, country, nationality);
    }
}
