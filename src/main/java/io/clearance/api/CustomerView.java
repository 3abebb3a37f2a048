package io.clearance.api;

import io.clearance.domain.CustomerLink;
import java.time.Instant;

/**
 * A reseller's registered customer as the API shows it; {@code validFrom}, {@code validTo} and {@code
 * reference} are left out when not set, and {@code inForce} says whether the relationship holds now.
 */
public record CustomerView(
        String resellerId,
        String customerId,
        String customerName,
        String validFrom,
        String validTo,
        String reference,
        boolean inForce) {

    static CustomerView of(CustomerLink link, String customerName, Instant now) {
        return new CustomerView(
                link.resellerId(),
                link.customerId(),
                customerName,
                link.validFrom() == null ? null : link.validFrom().toString(),
                link.validTo() == null ? null : link.validTo().toString(),
                link.reference(),
                link.inForceAt(now));
    }
}
