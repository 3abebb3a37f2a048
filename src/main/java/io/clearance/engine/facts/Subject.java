package io.clearance.engine.facts;

import io.clearance.domain.PartyInfo;

/** The party that asks: the API customer, the prospective partner, or a reseller acting for someone. */
public final class Subject extends PartyFact {

    public Subject(PartyInfo info) {
        super(info);
    }

    @Override
    public String role() {
        return "subject";
    }
}
