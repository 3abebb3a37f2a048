package io.clearance.registry.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.Countries;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The party a BODS 0.4 entity or person record describes: its name, kind (a state or state body is a
 * government, any other entity a company) and country, taken from the jurisdiction, an address, a tax
 * residence, a nationality or the identifier scheme, in that order.
 */
final class BodsParties {

    private static final Pattern SCHEME_COUNTRY = Pattern.compile("([A-Z]{2})-.*");
    private static final Pattern JURISDICTION_COUNTRY = Pattern.compile("([A-Z]{2})(-.*)?");

    private BodsParties() {}

    /**
     * The party a record describes, or null when the package gives it no country and {@code fallback} is null.
     *
     * @param type the record's {@code recordType}, {@code entity} or {@code person}
     * @param details the {@code recordDetails} of its last statement
     */
    static PartyInfo party(String id, String type, JsonNode details, String fallback) {
        if (type.equals("person")) {
            String nationality = null;
            for (JsonNode country : details.path("nationalities")) {
                nationality = nationality == null ? iso(country.path("code").asText(null)) : nationality;
            }
            String country = firstNonNull(addressCountry(details), taxResidence(details), nationality, fallback);
            return country == null
                    ? null
                    : new PartyInfo(id, personName(id, details), PartyKind.INDIVIDUAL, country, nationality);
        }
        if (!type.equals("entity")) {
            throw new IllegalArgumentException("record `" + id + "` has the unknown type `" + type + "`");
        }
        String entityType = details.path("entityType").path("type").asText("");
        PartyKind kind =
                entityType.equals("state") || entityType.equals("stateBody") ? PartyKind.GOVERNMENT : PartyKind.COMPANY;
        String country = firstNonNull(jurisdiction(details), addressCountry(details), schemeCountry(details), fallback);
        String name = details.path("name").asText("").strip();
        return country == null
                ? null
                : new PartyInfo(id, name.isEmpty() ? "(unnamed entity " + id + ")" : name, kind, country, null);
    }

    private static String personName(String id, JsonNode details) {
        JsonNode chosen = null;
        for (JsonNode name : details.path("names")) {
            if (chosen == null
                    || (name.path("type").asText("").equals("legal")
                            && !chosen.path("type").asText("").equals("legal"))) {
                chosen = name;
            }
        }
        if (chosen != null) {
            String full = chosen.path("fullName").asText("").strip();
            if (full.isEmpty()) {
                full = (chosen.path("givenName").asText("") + " "
                                + chosen.path("familyName").asText(""))
                        .strip();
            }
            if (!full.isEmpty()) {
                return full;
            }
        }
        return "(unnamed person " + id + ")";
    }

    private static String jurisdiction(JsonNode details) {
        // Subdivisions such as US-DE are written with their country first.
        Matcher code = JURISDICTION_COUNTRY.matcher(
                details.path("jurisdiction").path("code").asText(""));
        return code.matches() ? iso(code.group(1)) : null;
    }

    private static String addressCountry(JsonNode details) {
        for (JsonNode address : details.path("addresses")) {
            String code = iso(address.path("country").path("code").asText(null));
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    private static String taxResidence(JsonNode details) {
        for (JsonNode residence : details.path("taxResidencies")) {
            String code = iso(residence.path("code").asText(null));
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    private static String schemeCountry(JsonNode details) {
        // org-id.guide schemes begin with the registering country: GB-COH is Companies House.
        for (JsonNode identifier : details.path("identifiers")) {
            Matcher scheme = SCHEME_COUNTRY.matcher(identifier.path("scheme").asText(""));
            if (scheme.matches() && iso(scheme.group(1)) != null) {
                return scheme.group(1);
            }
        }
        return null;
    }

    private static String iso(String code) {
        return Countries.isIsoCode(code) ? code : null;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
