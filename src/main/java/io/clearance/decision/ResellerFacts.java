package io.clearance.decision;

import io.clearance.domain.PartyInfo;
import io.clearance.engine.facts.CustomerRelation;
import io.clearance.engine.facts.Intermediary;
import io.clearance.engine.facts.Reseller;
import io.clearance.ownership.customers.CustomerBook;
import io.clearance.ownership.customers.CustomerChain;
import io.clearance.ownership.graph.OwnershipGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts the reseller rules read, from the registry's customer book at the request's instant: that the
 * subject is a declared reseller, whether the end customer is its registered customer and through which
 * chain, and the platforms on that chain, which are judged as subjects are (so they also get ownership
 * findings). Nothing for a subject that is not a reseller. Call inside the graph's read.
 *
 * @param facts the facts to insert
 * @param judged the intermediaries, whose ownership findings the rules need beside the subject's
 */
record ResellerFacts(List<Object> facts, List<PartyInfo> judged) {

    static final ResellerFacts NONE = new ResellerFacts(List.of(), List.of());

    static ResellerFacts of(PartyInfo subject, PartyInfo endCustomer, Instant at, OwnershipGraph graph) {
        CustomerBook book = graph.customers();
        if (!book.isReseller(subject.id())) {
            return NONE;
        }
        List<Object> facts = new ArrayList<>();
        List<PartyInfo> judged = new ArrayList<>();
        facts.add(new Reseller(subject.id()));
        if (endCustomer != null) {
            CustomerChain chain = book.chain(subject.id(), endCustomer.id(), at);
            facts.add(new CustomerRelation(subject.id(), endCustomer.id(), at, chain.path(), chain.intermediaries()));
            for (String id : chain.intermediaries()) {
                // invariant: the registry deletes a party's relationships with it, so every id is a party.
                graph.party(id).ifPresent(party -> {
                    facts.add(new Intermediary(party));
                    judged.add(party);
                });
            }
        }
        return new ResellerFacts(facts, judged);
    }
}
