package io.clearance.engine.facts;

import io.clearance.domain.CustomerLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the end customer of a reseller's request is that reseller's registered customer at the
 * request's instant, directly or through platforms, and by which chain of relationships. Present when a
 * declared reseller asks on behalf of someone.
 */
public final class CustomerRelation {

    private final String resellerId;
    private final String customerId;
    private final Instant at;
    private final List<CustomerLink> path;
    private final List<String> intermediaries;

    public CustomerRelation(
            String resellerId, String customerId, Instant at, List<CustomerLink> path, List<String> intermediaries) {
        this.resellerId = resellerId;
        this.customerId = customerId;
        this.at = at;
        this.path = List.copyOf(path);
        this.intermediaries = List.copyOf(intermediaries);
    }

    public String getResellerId() {
        return resellerId;
    }

    public String getCustomerId() {
        return customerId;
    }

    /** True when a chain of relationships in force at the request's instant leads from reseller to customer. */
    public boolean isRegistered() {
        return !path.isEmpty();
    }

    /** True when the customer is the reseller's own (a chain of one relationship). */
    public boolean isDirect() {
        return path.size() == 1;
    }

    /** The ids of the platforms between reseller and customer on any chain in force; empty when direct. */
    public List<String> getIntermediaries() {
        return intermediaries;
    }

    /**
     * The relation as evidence: reseller, customer, instant, whether registered, and the chain (each
     * relationship with its dates and contract reference).
     */
    public Map<String, Object> evidence() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("reseller", resellerId);
        evidence.put("customer", customerId);
        evidence.put("at", at.toString());
        evidence.put("registered", isRegistered());
        List<Map<String, Object>> chain = new ArrayList<>();
        for (CustomerLink link : path) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("reseller", link.resellerId());
            step.put("customer", link.customerId());
            if (link.validFrom() != null) {
                step.put("validFrom", link.validFrom().toString());
            }
            if (link.validTo() != null) {
                step.put("validTo", link.validTo().toString());
            }
            if (link.reference() != null) {
                step.put("reference", link.reference());
            }
            chain.add(step);
        }
        evidence.put("chain", chain);
        if (!intermediaries.isEmpty()) {
            evidence.put("intermediaries", intermediaries);
        }
        return evidence;
    }
}
