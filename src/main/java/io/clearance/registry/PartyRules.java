package io.clearance.registry;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** What the registry accepts: party ids, countries and stake percentages. */
public final class PartyRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private PartyRules() {}

    public static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    "invalid-party-id",
                    "party id `" + id + "` must be 1 to 128 letters, digits, `-`, `_`, `.` or `:`");
        }
    }

    public static void checkParty(PartyInfo party) {
        checkId(party.id());
        if (party.name().isBlank() || party.name().length() > 512) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID, "invalid-name", "name must be 1 to 512 characters, not blank");
        }
        if (!Countries.isIsoCode(party.country())) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    "invalid-country",
                    "country `" + party.country() + "` is not an ISO 3166-1 alpha-2 code such as `CN` or `DE`");
        }
        if (party.nationality() != null && !Countries.isIsoCode(party.nationality())) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    "invalid-nationality",
                    "nationality `" + party.nationality() + "` is not an ISO 3166-1 alpha-2 code");
        }
    }

    public static void checkPercent(BigDecimal percent) {
        if (percent == null) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    "invalid-percent",
                    "percent is required, a number above 0 and at most 100");
        }
        if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    "invalid-percent",
                    "percent `" + percent.toPlainString() + "` must be above 0 and at most 100");
        }
        if (percent.stripTrailingZeros().scale() > 6) {
            throw new RegistryRejection(
                    RegistryRejection.Kind.INVALID,
                    "invalid-percent",
                    "percent `" + percent.toPlainString() + "` has more than 6 decimal places");
        }
    }
}
