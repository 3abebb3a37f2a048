package io.clearance.domain;

import java.util.Objects;

/**
 * What the decision path knows about a party: an immutable copy of its registry entry.
 *
 * @param country ISO 3166-1 alpha-2: headquarters of an organisation, residence of an individual
 * @param nationality ISO 3166-1 alpha-2 or {@code null}; only meaningful for individuals
 */
public record PartyInfo(String id, String name, PartyKind kind, String country, String nationality) {

    public PartyInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(country, "country");
    }

    /** How explanations name a party: its id in backticks, then its name. */
    public String label() {
        return "`" + id + "` (" + name + ")";
    }
}
