package io.clearance.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A reseller's registered customer: {@code resellerId} serves {@code customerId} from {@code validFrom}
 * (inclusive) until {@code validTo} (exclusive), either open when null, under the contract {@code
 * reference} names (free text, may be null). Dated like a stake, so that a decision for an instant sees the
 * customers a reseller had then. A customer may itself be a reseller (a platform): chains are links too.
 */
public record CustomerLink(String resellerId, String customerId, Instant validFrom, Instant validTo, String reference) {

    public CustomerLink {
        Objects.requireNonNull(resellerId, "resellerId");
        Objects.requireNonNull(customerId, "customerId");
    }

    /** True when the relationship is in force at {@code at}. */
    public boolean inForceAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validTo == null || at.isBefore(validTo));
    }
}
