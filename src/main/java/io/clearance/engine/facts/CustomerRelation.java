package io.clearance.engine.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.domain.CustomerLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    public RelationEvidence evidence() {
        List<RelationEvidence.Step> chain = new ArrayList<>();
        for (CustomerLink link : path) {
            chain.add(new RelationEvidence.Step(
                    link.resellerId(),
                    link.customerId(),
                    link.validFrom() == null ? null : link.validFrom().toString(),
                    link.validTo() == null ? null : link.validTo().toString(),
                    link.reference()));
        }
        return new RelationEvidence(resellerId, customerId, at.toString(), isRegistered(), chain, intermediaries);
    }

    /** A reseller-customer relation as a decision's evidence shows it. */
    public record RelationEvidence(
            String reseller,
            String customer,
            String at,
            boolean registered,
            List<Step> chain,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> intermediaries) {

        /** One relationship on the chain: who serves whom, from and until when, under which contract. */
        public record Step(
                String reseller,
                String customer,
                @JsonInclude(JsonInclude.Include.NON_NULL) String validFrom,
                @JsonInclude(JsonInclude.Include.NON_NULL) String validTo,
                @JsonInclude(JsonInclude.Include.NON_NULL) String reference) {}
    }
}
