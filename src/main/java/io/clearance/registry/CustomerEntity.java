package io.clearance.registry;

import io.clearance.domain.CustomerLink;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A reseller's registered customer as stored: one relationship per (reseller, customer) pair. */
@Entity
@Table(name = "reseller_customer")
@IdClass(CustomerEntity.Key.class)
public class CustomerEntity extends PanacheEntityBase {

    @Id
    @Column(name = "reseller_id")
    public String resellerId;

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_to")
    public Instant validTo;

    @Column(name = "reference", length = 256)
    public String reference;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public CustomerLink toLink() {
        return new CustomerLink(resellerId, customerId, validFrom, validTo, reference);
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public String resellerId;
        public String customerId;

        public Key() {}

        public Key(String resellerId, String customerId) {
            this.resellerId = resellerId;
            this.customerId = customerId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.resellerId.equals(resellerId) && key.customerId.equals(customerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(resellerId, customerId);
        }
    }
}
