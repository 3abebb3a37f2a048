package io.clearance.registry;

import io.clearance.domain.Countries;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import java.util.regex.Pattern;

/** What the registry accepts: party ids, countries, and stakes that say something. */
public final class PartyRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private PartyRules() {}

    public static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_PARTY_ID,
                    "party id `" + id + "` must be 1 to 128 letters, digits, `-`, `_`, `.` or `:`");
        }
    }

    public static void checkParty(PartyInfo party) {
        checkId(party.id());
        if (party.name().isBlank() || party.name().length() > 512) {
            throw new RegistryRejection(ErrorCode.INVALID_NAME, "name must be 1 to 512 characters, not blank");
        }
        if (!Countries.isIsoCode(party.country())) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_COUNTRY,
                    "country `" + party.country() + "` is not an ISO 3166-1 alpha-2 code such as `CN` or `DE`");
        }
        if (party.nationality() != null && !Countries.isIsoCode(party.nationality())) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_NATIONALITY,
                    "nationality `" + party.nationality() + "` is not an ISO 3166-1 alpha-2 code");
        }
    }

    /**
     * What the registry takes beyond {@link StakeTerms}' own invariants: a share above 0 or some control.
     * Terms read by {@link StakeSpec} always pass; this guards the callers that build terms themselves.
     */
    public static void checkTerms(StakeTerms terms) {
        if (terms == null || (terms.max() == 0 && !terms.hasControl())) {
            throw new RegistryRejection(ErrorCode.INVALID_PERCENT, "a stake needs a share above 0, control, or both");
        }
    }
}
