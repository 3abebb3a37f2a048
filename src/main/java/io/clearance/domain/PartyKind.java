package io.clearance.domain;

/** What kind of party a registry entry is; the policy treats individuals differently from institutions. */
public enum PartyKind {
    COMPANY,
    INDIVIDUAL,
    GOVERNMENT,
    UNIVERSITY;

    /** Companies, governments and universities are institutions; only individuals are not. */
    public boolean isOrganisation() {
        return this != INDIVIDUAL;
    }
}
