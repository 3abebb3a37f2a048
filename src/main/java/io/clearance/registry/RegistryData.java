package io.clearance.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.StakeTerms;
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

    /** A party as written in data files; {@code reseller} as on {@code PUT /v1/parties/{id}} (absent: false). */
    public record PartyData(
            String id, String name, PartyKind kind, String country, String nationality, Boolean reseller) {
        public PartyInfo toInfo() {
            return new PartyInfo(id, name, kind, country, nationality);
        }

        public boolean isReseller() {
            return Boolean.TRUE.equals(reseller);
        }
    }

    /**
     * What {@code owner} holds in {@code owned}, in the fields of the HTTP contract; the terms stay JSON nodes
     * until {@link #terms()} reads them with {@link StakeSpec}, as the API does.
     */
    public record StakeData(
            String owner, String owned, JsonNode percent, JsonNode control, JsonNode validFrom, JsonNode validTo) {

        /** @throws RegistryRejection when the terms are not what the API would take */
        public StakeTerms terms() {
            return StakeSpec.read(percent, control, validFrom, validTo);
        }
    }
}
