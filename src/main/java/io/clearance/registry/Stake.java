package io.clearance.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.clearance.domain.StakeTerms;
import java.util.List;

/**
 * A direct stake as the API shows it: what {@code ownerId} holds in {@code ownedId}, written as
 * {@link StakeSpec} reads it ({@code percent} a number or a range, {@code control}, {@code validFrom},
 * {@code validTo}; absent fields are left out).
 */
@JsonPropertyOrder({"ownedId", "ownerId", "ownerName", "percent", "control", "validFrom", "validTo"})
public record Stake(
        String ownedId,
        String ownerId,
        String ownerName,
        @JsonIgnore StakeTerms terms) {

    @JsonProperty("percent")
    public Object percent() {
        return StakeSpec.percent(terms);
    }

    @JsonProperty("control")
    public List<String> control() {
        return StakeSpec.control(terms);
    }

    @JsonProperty("validFrom")
    public String validFrom() {
        return StakeSpec.instantText(terms.validFrom());
    }

    @JsonProperty("validTo")
    public String validTo() {
        return StakeSpec.instantText(terms.validTo());
    }
}
