package io.clearance.engine.facts;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;

/** A party named in the request, as the rules see it; {@link Subject} and {@link EndCustomer} say its role. */
public abstract class PartyFact {

    private final PartyInfo info;

    protected PartyFact(PartyInfo info) {
        this.info = info;
    }

    public String getId() {
        return info.id();
    }

    public String getName() {
        return info.name();
    }

    public PartyKind getKind() {
        return info.kind();
    }

    /** ISO 3166-1 alpha-2: headquarters of an organisation, residence of an individual. */
    public String getCountry() {
        return info.country();
    }

    public String getNationality() {
        return info.nationality();
    }

    public boolean isOrganisation() {
        return info.kind().isOrganisation();
    }

    public boolean isIndividual() {
        return !info.kind().isOrganisation();
    }

    /** The role as an explanation says it: "the subject", "the end customer". */
    public abstract String role();

    /** How a message names the party: "`acme-de` (Acme DE GmbH)". */
    public String label() {
        return info.label();
    }

    /** The party as evidence: id, name, kind, country, and the role it plays in the request. */
    public PartyEvidence evidence() {
        return new PartyEvidence(
                info.id(), info.name(), info.kind().name(), info.country(), info.nationality(), role());
    }
}
