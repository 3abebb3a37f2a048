package io.clearance.ownership.customers;

import io.clearance.domain.CustomerLink;
import java.time.Instant;
import java.util.List;

/**
 * How a reseller reaches the customer a request is made for, at an instant: the shortest chain of
 * relationships in force from the reseller to the customer (empty when the customer is not registered with
 * the reseller, directly or through platforms), and every party standing between them on any chain in force
 * (the platforms): all of them are judged, so a second, cleaner route hides none of them.
 *
 * @param path the links from the reseller to the customer, in order; empty when none is in force
 * @param intermediaries the parties between, those of {@code path} first, then the others by id
 */
public record CustomerChain(
        String resellerId, String customerId, Instant at, List<CustomerLink> path, List<String> intermediaries) {

    public CustomerChain {
        path = List.copyOf(path);
        intermediaries = List.copyOf(intermediaries);
    }

    /** True when the customer is the reseller's, directly or through platforms, at {@link #at()}. */
    public boolean registered() {
        return !path.isEmpty();
    }
}
