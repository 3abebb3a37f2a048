package io.clearance.engine.facts;

import io.clearance.domain.PartyInfo;

/**
 * The party the subject acts for ({@code onBehalfOf}): the customer a reseller or platform serves, or the
 * organisation an individual works for. Judged as strictly as the subject, so resellers are no loophole.
 */
public final class EndCustomer extends PartyFact {

    public EndCustomer(PartyInfo info) {
        super(info);
    }

    @Override
    public String role() {
        return "end customer";
    }
}
