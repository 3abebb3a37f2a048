package io.clearance.registry.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One identifier of a party, as stored; the key (scheme, value) makes it belong to one party at most. */
@Entity
@Table(name = "party_identifier")
@IdClass(IdentifierEntity.Key.class)
public class IdentifierEntity extends PanacheEntityBase {

    @Id
    public String scheme;

    @Id
    @Column(name = "id_value") // `value` is a keyword in H2
    public String value;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    public Identifier toIdentifier() {
        return new Identifier(scheme, value);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String scheme;
        public String value;

        public Key() {}

        public Key(String scheme, String value) {
            this.scheme = scheme;
            this.value = value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(scheme, key.scheme) && Objects.equals(value, key.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(scheme, value);
        }
    }
}
