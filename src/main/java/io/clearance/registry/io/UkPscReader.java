package io.clearance.registry.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportReport;
import io.clearance.registry.InvalidField;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.StakeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the UK Companies House "persons with significant control" snapshot (one JSON object a line:
 * {@code company_number} and the statement under {@code data}) into stakes in {@code gb-coh:<number>}.
 *
 * <p>Holders: an individual is {@code uk-psc:<id>} (the last segment of {@code data.links.self}), resident in
 * {@code country_of_residence}; a corporate PSC registered in the UK with a registration number is the
 * company itself, {@code gb-coh:<number>}, so chains of UK companies meet; other corporate and legal
 * persons are {@code uk-psc:<id>}, of {@code identification.country_registered} (legal persons, such as a
 * government body, are governments). A company is known to the register by number alone: it is recorded
 * under its number unless the registry knows it already.
 *
 * <p>Natures of control, by their statutory wording:
 *
 * <ul>
 *   <li>{@code ownership-of-shares-25-to-50-percent} ("more than 25% but not more than 50%"): the range
 *       {@code {"min": 25, "atMost": 50}}; {@code -50-to-75-percent} ("more than 50% but less than 75%"):
 *       {@code {"min": 50, "max": 75}}; {@code -75-to-100-percent} ("75% or more"): {@code {"atLeast": 75}};
 *       {@code ...-more-than-25-percent-registered-overseas-entity}: {@code {"min": 25}}; the same for
 *       {@code right-to-share-surplus-assets-...} of an LLP, and for the {@code -as-trust}/{@code -as-firm}
 *       variants;
 *   <li>{@code voting-rights-*} (every band, and the {@code -as-trust}/{@code -as-firm} variants): control
 *       ({@code other-influence}), as the issue asks: a vote is no share of the company, so no share is
 *       invented for it; beside an {@code ownership-of-shares-*} band, that band stays the stake's range
 *       and the control is added to it;
 *   <li>{@code right-to-appoint-and-remove-directors} (and members, persons): {@code board-appointment};
 *   <li>{@code significant-influence-or-control}: {@code other-influence}.
 * </ul>
 *
 * {@code notified_on} is {@code validFrom}; {@code ceased_on} is {@code validTo}: a ceased statement closes
 * the stake. PSC statements without a person (no registrable person, super-secure, exemptions) are skipped
 * and counted. The register does not list holders of 25% or less: after each company, the report says how
 * much of it the in-force statements leave to holders it does not show.
 */
public final class UkPscReader {

    private static final Pattern SHARES = Pattern.compile(
            "(ownership-of-shares|right-to-share-surplus-assets)-(25-to-50|50-to-75|75-to-100|more-than-25)-percent.*");
    private static final Pattern VOTES = Pattern.compile("voting-rights-[a-z0-9-]+");
    // How the register words the band of the appointment right (directors; members, persons for an LLP).
    private static final Pattern APPOINTS = Pattern.compile("right-to-appoint-and-remove-[a-z-]+");

    private final RegistrySink sink;
    private final ImportReport report;
    private final String countryIfUnknown;
    private final UnaccountedShares unaccounted;

    private UkPscReader(RegistrySink sink, ImportReport report, String countryIfUnknown) {
        this.sink = sink;
        this.report = report;
        this.countryIfUnknown = countryIfUnknown;
        this.unaccounted = new UnaccountedShares(report);
    }

    /** @param countryIfUnknown the country of a holder whose country the register does not name, or null to refuse */
    public static void read(InputStream in, RegistrySink sink, ImportReport report, String countryIfUnknown)
            throws IOException {
        UkPscReader psc = new UkPscReader(sink, report, countryIfUnknown);
        JsonRecords.each(in, report, psc::statement);
        psc.unaccounted.finish();
    }

    private void statement(long line, JsonNode record) {
        JsonNode data = record.path("data");
        String self = data.path("links").path("self").asText("");
        report.at(line, self.isEmpty() ? record.path("company_number").asText(null) : self);
        ImportRecords.guarded(report, () -> {
            String kind = data.path("kind").asText("");
            String number = record.path("company_number").asText("").trim().toUpperCase(Locale.ROOT);
            if (!kind.endsWith("person-with-significant-control") || kind.startsWith("super-secure")) {
                report.skipped(kind.isEmpty() ? "records without a kind" : "PSC " + kind);
                return;
            }
            if (number.isEmpty()) {
                throw new InvalidField("/company_number", "`company_number` is missing");
            }
            String company = "gb-coh:" + number;
            unaccounted.company(company);
            LocalDate notified = date(data, "notified_on");
            Provenance from = new Provenance("uk-psc", self.isEmpty() ? null : self, notified);
            sink.partyIfAbsent(
                    new PartyInfo(company, "Company " + number + " (Companies House)", PartyKind.COMPANY, "GB", null),
                    from);
            String holder = holder(kind, data, self, from);
            StakeTerms terms = terms(data);
            if (terms == null) {
                return;
            }
            LocalDate ceased = date(data, "ceased_on");
            Instant start = notified == null ? null : StakeSpec.instant("notified_on", notified.toString());
            Instant end = ceased == null ? null : StakeSpec.instant("ceased_on", ceased.toString());
            if (start != null && end != null && !start.isBefore(end)) {
                start = null; // notified and ceased the same day: in force until it ceased, from no known date
            }
            if (end == null) {
                unaccounted.stake(terms);
            }
            sink.stake(company, holder, terms.during(start, end), from);
        });
    }

    private String holder(String kind, JsonNode data, String self, Provenance from) {
        String name = data.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw new InvalidField("/data/name", "the statement names no person (`data.name`)");
        }
        String pscId = self.substring(self.lastIndexOf('/') + 1);
        if (pscId.isEmpty()) {
            throw new InvalidField("/data/links/self", "the statement has no `data.links.self` to key its holder by");
        }
        if (kind.startsWith("individual")) {
            String country = country(
                    "/data/country_of_residence",
                    data.path("country_of_residence").asText(null),
                    data.path("address").path("country").asText(null));
            String nationality = CountryNames.nationality(
                            data.path("nationality").asText(null))
                    .orElse(null);
            PartyInfo person = new PartyInfo("uk-psc:" + pscId, name, PartyKind.INDIVIDUAL, country, nationality);
            sink.party(person, from);
            return person.id();
        }
        JsonNode identification = data.path("identification");
        String registered = identification.path("country_registered").asText(null);
        String country = country(
                "/data/identification/country_registered",
                registered,
                data.path("address").path("country").asText(null));
        String number = identification
                .path("registration_number")
                .asText("")
                .replaceAll("\\s", "")
                .toUpperCase(Locale.ROOT);
        PartyKind partyKind = kind.startsWith("legal-person") ? PartyKind.GOVERNMENT : PartyKind.COMPANY;
        String id = "GB".equals(country) && partyKind == PartyKind.COMPANY && number.matches("[A-Z0-9]{6,8}")
                ? "gb-coh:" + number
                : "uk-psc:" + pscId;
        sink.party(new PartyInfo(id, name, partyKind, country, null), from);
        return id;
    }

    private String country(String field, String stated, String address) {
        return CountryNames.country(stated)
                .or(() -> CountryNames.country(address))
                .or(() -> java.util.Optional.ofNullable(countryIfUnknown))
                .orElseThrow(
                        () -> new InvalidField(
                                field,
                                "the holder's country `" + stated
                                        + "` is not a country name Clearance knows; pass `countryIfUnknown` to import it anyway"));
    }

    /** The stake the natures of control state, or null when they state nothing the registry records. */
    private StakeTerms terms(JsonNode data) {
        StakeTerms share = null;
        Set<ControlBasis> control = EnumSet.noneOf(ControlBasis.class);
        for (JsonNode nature : data.path("natures_of_control")) {
            String text = nature.asText("");
            Matcher shares = SHARES.matcher(text);
            Matcher votes = VOTES.matcher(text);
            if (shares.matches()) {
                share = band(shares.group(2));
            } else if (votes.matches()) {
                // Voting rights are control, whatever the band: they carry no share of the company.
                control.add(ControlBasis.OTHER_INFLUENCE);
            } else if (APPOINTS.matcher(text).matches()) {
                control.add(ControlBasis.BOARD_APPOINTMENT);
            } else if (text.startsWith("significant-influence-or-control")) {
                control.add(ControlBasis.OTHER_INFLUENCE);
            } else {
                report.skipped("nature of control " + text);
            }
        }
        if (share == null && control.isEmpty()) {
            report.skipped("statements with no nature of control recorded");
            return null;
        }
        return share == null ? StakeTerms.control(control) : share.withControl(control);
    }

    private static StakeTerms band(String band) {
        long q = Share.HUNDRED_PERCENT / 4;
        return switch (band) {
            case "25-to-50" -> new StakeTerms(q, true, 2 * q, false, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO);
            case "50-to-75" ->
                new StakeTerms(2 * q, true, 3 * q, true, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO);
            case "75-to-100" ->
                new StakeTerms(3 * q, false, 4 * q, false, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO);
            default -> new StakeTerms(q, true, 4 * q, false, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO);
        };
    }

    private static LocalDate date(JsonNode data, String field) {
        JsonNode value = data.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText().trim());
        } catch (java.time.DateTimeException e) {
            throw new InvalidField("/data/" + field, "`data." + field + "` `" + value.asText() + "` is not a date");
        }
    }
}
