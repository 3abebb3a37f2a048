package io.clearance.engine.facts;

import io.clearance.domain.PartyInfo;

/**
 * A party standing between a reseller (the subject) and the end customer it asks for, on a chain of
 * registered customer relationships in force at the request's instant: a platform the reseller serves that
 * serves the end customer. Judged as the subject would be, so a chain hides nobody.
 */
public final class Intermediary extends PartyFact {

    public Intermediary(PartyInfo info) {
        super(info);
    }

    @Override
    public String role() {
        return "intermediary";
    }
}
