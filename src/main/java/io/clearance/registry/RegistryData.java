package io.clearance.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * A registry written as data (YAML or JSON): the demo registry, and the parties and stakes of a scenario
 * file. Field names follow the HTTP contract.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RegistryData(List<PartyData> parties, List<StakeData> stakes) {

    public RegistryData {
        parties = parties == null ? List.of() : List.copyOf(parties);
        stakes = stakes == null ? List.of() : List.copyOf(stakes);
    }

    /** A party as written in data files. */
    public record PartyData(String id, String name, PartyKind kind, String country, String nationality) {
        public PartyInfo toInfo() {
            return new PartyInfo(id, name, kind, country, nationality);
        }
    }

    /** {@code owner} holds {@code percent} of {@code owned}. */
    public record StakeData(String owner, String owned, BigDecimal percent) {}
}
