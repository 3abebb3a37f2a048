package io.clearance.ownership.graph;

import io.clearance.domain.PartyInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * One instance per country code for the parties of a graph: a registry loaded from the database would
 * otherwise hold millions of equal strings such as "US". Thread-safe (writers and the loader share it).
 */
final class CountryCodes {

    private final Map<String, String> codes = new HashMap<>();

    /** {@code party} itself when its codes are already the shared ones, else a copy that uses them. */
    PartyInfo shared(PartyInfo party) {
        synchronized (codes) {
            String country = codes.computeIfAbsent(party.country(), code -> code);
            String nationality =
                    party.nationality() == null ? null : codes.computeIfAbsent(party.nationality(), code -> code);
            if (country == party.country() && nationality == party.nationality()) {
                return party;
            }
            return new PartyInfo(party.id(), party.name(), party.kind(), country, nationality);
        }
    }
}
