package io.clearance.registry.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportReport;
import io.clearance.registry.InvalidField;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.StakeSpec;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.StatedIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenSanctions (FollowTheMoney) entities, one JSON object a line, into parties {@code os:<id>} and
 * their ownership.
 *
 * <ul>
 *   <li>{@code Company}, {@code Organization}, {@code LegalEntity}: companies; {@code PublicBody}: a
 *       government; {@code Person}: an individual. Name: the first {@code name}. Country: the first of
 *       {@code jurisdiction}, {@code country}, {@code mainCountry} (for a person {@code country}, then
 *       {@code citizenship}, {@code nationality}), upper-cased; a person's nationality the first
 *       {@code nationality} or {@code citizenship}.
 *   <li>A company's {@code leiCode}, {@code ogrnCode}, {@code innCode} and British
 *       {@code registrationNumber} become its identifiers (as {@link #identifiers} reads them).
 *   <li>{@code Ownership}: {@code owner} holds {@code percentage} of {@code asset}. The percentage is text:
 *       {@code "51"}, {@code "51.5%"}, or a range {@code "25-50"} (both bounds inclusive), read exactly; an
 *       ownership without one is a share of 0 to 100% (someone owns something, nobody says how much).
 *       {@code startDate}/{@code endDate} may be a year or a month: the stake is taken as in force from the
 *       start of that period and until the end of it, so that an unsure date never shortens it.
 *   <li>{@code Directorship} (a seat, not ownership or control of the board) and every other schema are
 *       skipped and counted by schema.
 * </ul>
 *
 * Entities may come in any order (the export is sorted by id): the import holds an ownership back until its
 * parties have come. Provenance: source {@code opensanctions}, record id the entity id, as of
 * {@code last_change}.
 */
public final class OpenSanctionsReader {

    private static final Set<String> COMPANIES = Set.of("Company", "Organization", "LegalEntity");
    private static final Pattern RANGE = Pattern.compile("\\s*([0-9.]+)\\s*%?\\s*-\\s*([0-9.]+)\\s*%?\\s*");
    // FtM property, org-id.guide scheme (RU-OGRN and RU-INN: the Russian state register and tax number).
    private static final String[][] SCHEMES = {
        {"leiCode", Identifier.LEI}, {"ogrnCode", "ru-ogrn"}, {"innCode", "ru-inn"}, {"registrationNumber", "gb-coh"}
    };
    // Companies House numbers: eight digits, or two letters (SC, NI, OC ...) and six digits.
    private static final Pattern COMPANIES_HOUSE = Pattern.compile("[0-9]{8}|[A-Z]{2}[0-9]{6}");
    private static final Pattern FTM_ID = Pattern.compile("[A-Za-z0-9._-]{1,120}");

    private OpenSanctionsReader() {}

    public static void read(InputStream in, RegistrySink sink, ImportReport report, String countryIfUnknown)
            throws IOException {
        JsonRecords.each(in, report, (line, entity) -> {
            String id = entity.path("id").asText(null);
            report.at(line, id);
            ImportRecords.guarded(report, () -> entity(entity, id, sink, report, countryIfUnknown));
        });
    }

    private static void entity(
            JsonNode entity, String id, RegistrySink sink, ImportReport report, String countryIfUnknown) {
        String schema = entity.path("schema").asText("");
        JsonNode properties = entity.path("properties");
        if (id == null) {
            throw new InvalidField("/id", "the entity has no `id`");
        }
        Provenance from = new Provenance(
                "opensanctions", id, date(entity.path("last_change").asText(null)));
        if (COMPANIES.contains(schema) || schema.equals("PublicBody") || schema.equals("Person")) {
            String name = first(properties, "name");
            if (name == null) {
                name = entity.path("caption").asText(null);
            }
            if (name == null) {
                throw new InvalidField("/properties/name", "the entity has no `name`");
            }
            boolean person = schema.equals("Person");
            String country = person
                    ? first(properties, "country", "citizenship", "nationality")
                    : first(properties, "jurisdiction", "country", "mainCountry");
            country = iso(country);
            if (country == null) {
                country = countryIfUnknown;
            }
            if (country == null) {
                throw new InvalidField(
                        person ? "/properties/country" : "/properties/jurisdiction",
                        "the entity names no ISO country; pass `countryIfUnknown` to" + " import it anyway");
            }
            PartyKind kind = person
                    ? PartyKind.INDIVIDUAL
                    : schema.equals("PublicBody") ? PartyKind.GOVERNMENT : PartyKind.COMPANY;
            String nationality = person ? iso(first(properties, "nationality", "citizenship")) : null;
            sink.party(new PartyInfo(partyId(id), name, kind, country, nationality), from);
            List<StatedIdentifier> identifiers = person ? List.of() : identifiers(properties, country, report);
            if (!identifiers.isEmpty()) {
                sink.identifiers(partyId(id), identifiers, from);
            }
        } else if (schema.equals("Ownership")) {
            String owner = first(properties, "owner");
            String asset = first(properties, "asset");
            if (owner == null || asset == null) {
                throw new InvalidField(
                        owner == null ? "/properties/owner" : "/properties/asset",
                        "an `Ownership` needs `owner` and `asset`");
            }
            Instant start = start(first(properties, "startDate"));
            Instant end = end(first(properties, "endDate"));
            if (start != null && end != null && !start.isBefore(end)) {
                throw new InvalidField("/properties/endDate", "`endDate` is not after `startDate`");
            }
            sink.stake(
                    partyId(asset),
                    partyId(owner),
                    share(first(properties, "percentage")).during(start, end),
                    from);
        } else {
            report.skipped("FollowTheMoney " + (schema.isEmpty() ? "entities without a schema" : schema));
        }
    }

    /**
     * The identifiers a company states: {@code leiCode} ({@code lei}), {@code ogrnCode} ({@code ru-ogrn}),
     * {@code innCode} ({@code ru-inn}), and {@code registrationNumber} as a Companies House number
     * ({@code gb-coh}) when the company is British and the number has that form; another registration number
     * names no register we can tell, and is counted.
     */
    private static List<StatedIdentifier> identifiers(JsonNode properties, String country, ImportReport report) {
        List<StatedIdentifier> stated = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String[] property : SCHEMES) {
            JsonNode values = properties.path(property[0]);
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i).asText("").strip();
                if (value.isEmpty()) {
                    continue;
                }
                String scheme = property[1];
                if (property[0].equals("registrationNumber")) {
                    value = value.toUpperCase(Locale.ROOT);
                    if (!"GB".equals(country) || !COMPANIES_HOUSE.matcher(value).matches()) {
                        report.skipped("FollowTheMoney registration numbers of no register we can tell");
                        continue;
                    }
                }
                StatedIdentifier read = StatedIdentifier.of(scheme, value, "/properties/" + property[0] + "/" + i);
                if (seen.add(read.identifier().key())) {
                    stated.add(read);
                }
            }
        }
        return stated;
    }

    static String partyId(String ftmId) {
        if (!FTM_ID.matcher(ftmId).matches()) {
            throw new IllegalArgumentException("entity id `" + ftmId + "` is not a FollowTheMoney id");
        }
        return "os:" + ftmId;
    }

    private static StakeTerms share(String percentage) {
        if (percentage == null || percentage.isBlank()) {
            ObjectNode unknown =
                    JsonRecords.JSON.createObjectNode().put("atLeast", 0).put("atMost", 100);
            return StakeSpec.read(unknown, null, null, null);
        }
        Matcher range = RANGE.matcher(percentage);
        if (range.matches()) {
            ObjectNode bounds = JsonRecords.JSON.createObjectNode();
            bounds.set("atLeast", DecimalNode.valueOf(decimal(range.group(1))));
            bounds.set("atMost", DecimalNode.valueOf(decimal(range.group(2))));
            return StakeSpec.read(bounds, null, null, null);
        }
        String plain = percentage.trim();
        if (plain.endsWith("%")) {
            plain = plain.substring(0, plain.length() - 1).trim();
        }
        return StakeSpec.read(DecimalNode.valueOf(decimal(plain)), null, null, null);
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "`percentage` `" + text + "` is neither a number nor a range such as `25-50`");
        }
    }

    private static String first(JsonNode properties, String... names) {
        for (String name : names) {
            JsonNode values = properties.path(name);
            if (values.isArray()
                    && !values.isEmpty()
                    && !values.get(0).asText("").isBlank()) {
                return values.get(0).asText().trim();
            }
        }
        return null;
    }

    private static String iso(String code) {
        return code != null && code.length() == 2 ? code.toUpperCase(Locale.ROOT) : null;
    }

    /** The start of a date, month or year. */
    static Instant start(String text) {
        LocalDate day = period(text, false);
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The end of a date, month or year: the start of the day after it. */
    static Instant end(String text) {
        LocalDate day = period(text, true);
        return day == null ? null : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate period(String text, boolean last) {
        if (text == null) {
            return null;
        }
        try {
            return switch (text.length()) {
                case 4 ->
                    last ? LocalDate.of(Integer.parseInt(text), 12, 31) : LocalDate.of(Integer.parseInt(text), 1, 1);
                case 7 ->
                    last
                            ? YearMonth.parse(text).atEndOfMonth()
                            : YearMonth.parse(text).atDay(1);
                default -> LocalDate.parse(text.substring(0, Math.min(10, text.length())));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("`" + text + "` is not a date, month or year");
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.substring(0, Math.min(10, text.length())));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
