package io.clearance.registry.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.StakeSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Beneficial Ownership Data Standard 0.4 package (a JSON array of statements, or one statement a
 * line) whole into an empty registry (the offline {@code clearance import}; a running server imports BODS
 * with {@link BodsStreamReader}, which streams): entity and person records become parties, relationship records become direct
 * stakes. What BODS says and the registry cannot record is skipped with a note, never guessed.
 *
 * <p>Records: the last statement of a record (file order) describes it. A party is an entity
 * ({@code COMPANY}; {@code GOVERNMENT} for {@code state} and {@code stateBody}) or a person
 * ({@code INDIVIDUAL}), closed or not, since historical stakes name them. Its country is the entity's
 * jurisdiction, else an address country, else the country prefix of an org-id identifier scheme
 * ({@code GB-COH}); a person's an address country, else a tax residency, else the first nationality, which
 * is also the person's nationality. A party with none gets the caller's {@code countryIfUnknown}, or the
 * package is refused.
 *
 * <p>Interests of a relationship, mapped onto one stake:
 *
 * <ul>
 *   <li>{@code shareholding}: the share. {@code exact} is exact; {@code minimum}/{@code maximum} are
 *       inclusive bounds ({@code atLeast}/{@code atMost}), {@code exclusiveMinimum}/{@code exclusiveMaximum}
 *       exclusive ones ({@code min}/{@code max}); a shareholding without a share is 0 to 100% inclusive.
 *       Several direct shareholding interests: the one that started last.
 *   <li>{@code appointmentOfBoard}: control, {@code board-appointment}.
 *   <li>{@code otherInfluenceOrControl}, {@code controlViaCompanyRulesOrArticles},
 *       {@code controlByLegalFramework}, {@code seniorManagingOfficial}, {@code trustee}, {@code protector},
 *       {@code nominator}, and {@code votingRights} whose share is a majority (above 50%): control,
 *       {@code other-influence}. Each decides or steers what the subject does.
 *   <li>Not recorded: {@code votingRights} without a majority (votes are not an ownership share), the board
 *       roles {@code boardMember} and {@code boardChair} (one seat is not control of the board), the purely
 *       economic or passive {@code rightsToSurplusAssetsOnDissolution}, {@code rightsToProfitOrIncome},
 *       {@code rightToProfitOrIncomeFromAssets}, {@code enjoymentAndUseOfAssets},
 *       {@code beneficiaryOfLegalArrangement}, {@code settlor}, {@code nominee}, contract rights, and
 *       {@code unknownInterest}/{@code unpublishedInterest}.
 *   <li>Interests that are {@code indirect}: skipped. The graph derives indirect ownership from the direct
 *       links (component records), and recording it as direct would count it twice.
 * </ul>
 *
 * <p>Dates. A stake is in force from the earliest {@code startDate} of its mapped interests to the latest
 * {@code endDate} (open when one of them has none). A record updated with other terms keeps one stake, the
 * last; as BODS keeps an interest's {@code startDate} across updates, those terms are known to hold only
 * from the {@code statementDate} of the statement that first gave them. A closed record without an
 * {@code endDate} ended at the latest on its closing statement's date. Dates mean the start of that day, UTC.
 */
public final class BodsPackageReader {

    private static final Set<String> OTHER_INFLUENCE = Set.of(
            "otherInfluenceOrControl",
            "controlViaCompanyRulesOrArticles",
            "controlByLegalFramework",
            "seniorManagingOfficial",
            "trustee",
            "protector",
            "nominator");
    private static final BigDecimal HALF = new BigDecimal("50");

    private final Map<String, Record> records = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private BodsPackageReader() {}

    /**
     * Reads the package into {@code sink}: every party, then every stake.
     *
     * @param countryIfUnknown the country of a party the package gives none, or {@code null} to refuse
     * @return notes on what was skipped, one a line
     * @throws IllegalArgumentException when a party cannot be recorded, or the statements are malformed
     */
    public static List<String> read(Path file, String countryIfUnknown, RegistrySink sink) throws IOException {
        BodsPackageReader bods = new BodsPackageReader();
        ObjectMapper json = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // An array at the root is read element by element, as are statements one a line.
        try (MappingIterator<JsonNode> statements =
                json.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (statements.hasNextValue()) {
                try {
                    bods.add(index, statements.nextValue());
                } catch (RegistryRejection e) {
                    throw RegistryFile.refused(file, "statement " + index, e);
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file.getFileName() + ": not a BODS package in JSON: " + e.getOriginalMessage(), e);
        }
        bods.emit(file, countryIfUnknown, sink);
        return List.copyOf(bods.notes);
    }

    /** One record: its last statement, and for a relationship the statement date its terms are known from. */
    private static final class Record {
        final String type;
        JsonNode last;
        int statements;
        Mapped terms;
        Instant termsKnownFrom;

        Record(String type) {
            this.type = type;
        }
    }

    /** The terms of a relationship statement, dates aside, or why there are none. */
    record Mapped(StakeTerms share, Set<ControlBasis> control, String skipped) {}

    private void add(int index, JsonNode statement) {
        String recordId = statement.path("recordId").asText(null);
        String type = statement.path("recordType").asText(null);
        if (recordId == null || type == null) {
            throw new IllegalArgumentException("statement " + index + " has no `recordId` or `recordType`");
        }
        Record record = records.computeIfAbsent(recordId, id -> new Record(type));
        if (!record.type.equals(type)) {
            throw new IllegalArgumentException(
                    "record `" + recordId + "` is a " + record.type + " and a " + type + " in different statements");
        }
        record.last = statement;
        record.statements++;
        if (type.equals("relationship")) {
            Mapped mapped = map(recordId, statement.path("recordDetails"));
            if (record.statements == 1) {
                record.termsKnownFrom = null; // since its start date
            } else if (!mapped.equals(record.terms)) {
                record.termsKnownFrom = date(recordId, "statementDate", statement.path("statementDate"));
            }
            record.terms = mapped;
        }
    }

    private void emit(Path file, String countryIfUnknown, RegistrySink sink) {
        List<String> without = new ArrayList<>();
        Set<String> parties = new HashSet<>();
        records.forEach((id, record) -> {
            if (record.type.equals("relationship")) {
                return;
            }
            PartyInfo party = BodsParties.party(id, record.type, record.last.path("recordDetails"), null);
            if (party == null) {
                if (countryIfUnknown == null) {
                    without.add(id);
                    return;
                }
                party = BodsParties.party(id, record.type, record.last.path("recordDetails"), countryIfUnknown);
                notes.add("record `" + id + "`: no country in the package; " + countryIfUnknown + " assumed");
            }
            try {
                sink.party(party);
            } catch (RegistryRejection | IllegalArgumentException e) {
                throw RegistryFile.refused(file, "record `" + id + "`", e);
            }
            parties.add(id);
        });
        if (!without.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + ": " + without.size()
                    + " party record(s) name no country ("
                    + String.join(", ", without.subList(0, Math.min(10, without.size())))
                    + (without.size() > 10 ? ", …" : "") + "); give the country to assume for them");
        }
        Map<String, StakeFound> stakes = new LinkedHashMap<>();
        records.forEach((id, record) -> {
            if (!record.type.equals("relationship")) {
                return;
            }
            StakeFound stake = stake(id, record, parties);
            if (stake == null) {
                return;
            }
            StakeFound earlier = stakes.put(stake.owned + "\n" + stake.owner, stake);
            if (earlier != null) {
                notes.add("record `" + earlier.recordId + "`: superseded by record `" + id
                        + "` for the same owner and subject; the registry keeps one stake a pair");
            }
        });
        for (StakeFound stake : stakes.values()) {
            try {
                sink.stake(stake.owned, stake.owner, stake.terms);
            } catch (RegistryRejection | IllegalArgumentException e) {
                throw RegistryFile.refused(file, "record `" + stake.recordId + "`", e);
            }
        }
    }

    private record StakeFound(String recordId, String owned, String owner, StakeTerms terms) {}

    private StakeFound stake(String id, Record record, Set<String> parties) {
        JsonNode details = record.last.path("recordDetails");
        JsonNode subject = details.path("subject");
        JsonNode owner = details.path("interestedParty");
        if (!subject.isTextual() || !owner.isTextual()) {
            notes.add("record `" + id + "`: an unspecified subject or interested party; skipped");
            return null;
        }
        if (!parties.contains(subject.asText()) || !parties.contains(owner.asText())) {
            notes.add("record `" + id + "`: names a party the package does not describe; skipped");
            return null;
        }
        if (subject.asText().equals(owner.asText())) {
            notes.add("record `" + id + "`: a party holding an interest in itself; skipped");
            return null;
        }
        Mapped mapped = record.terms;
        if (mapped.skipped() != null) {
            notes.add("record `" + id + "`: " + mapped.skipped() + "; skipped");
            return null;
        }
        StakeTerms terms;
        try {
            terms = mapped.share() == null
                    ? StakeTerms.control(mapped.control())
                    : mapped.share().withControl(mapped.control());
            Instant from = null;
            Instant to = null;
            boolean openStart = false;
            boolean openEnd = false;
            for (JsonNode interest : mappedInterests(details)) {
                Instant start = optionalDate(id, "startDate", interest.path("startDate"));
                Instant end = optionalDate(id, "endDate", interest.path("endDate"));
                openStart |= start == null;
                openEnd |= end == null;
                from = start == null || (from != null && from.isBefore(start)) ? from : start;
                to = end == null || (to != null && to.isAfter(end)) ? to : end;
            }
            from = openStart ? null : from;
            to = openEnd ? null : to;
            if (record.termsKnownFrom != null && (from == null || from.isBefore(record.termsKnownFrom))) {
                from = record.termsKnownFrom;
            }
            if (to == null && record.last.path("recordStatus").asText().equals("closed")) {
                to = date(id, "statementDate", record.last.path("statementDate"));
            }
            if (from != null && to != null && !from.isBefore(to)) {
                notes.add("record `" + id + "`: in force from " + from + " to " + to + ", which is no time; skipped");
                return null;
            }
            terms = terms.during(from, to);
        } catch (RegistryRejection e) {
            notes.add("record `" + id + "`: " + e.getMessage() + "; skipped");
            return null;
        }
        return new StakeFound(id, subject.asText(), owner.asText(), terms);
    }

    /** The interests of a relationship statement the registry records, as one stake's terms. */
    static Mapped map(String id, JsonNode details) {
        JsonNode latestShareholding = null;
        Instant latestStart = null;
        Set<ControlBasis> control = EnumSet.noneOf(ControlBasis.class);
        List<String> unrecorded = new ArrayList<>();
        boolean indirect = false;
        for (JsonNode interest : details.path("interests")) {
            String type = interest.path("type").asText("");
            if (interest.path("directOrIndirect").asText("").equals("indirect")) {
                indirect = true;
                continue;
            }
            switch (type) {
                case "shareholding" -> {
                    Instant start = optionalDate(id, "startDate", interest.path("startDate"));
                    if (latestShareholding == null
                            || (start != null && (latestStart == null || start.isAfter(latestStart)))) {
                        latestShareholding = interest;
                        latestStart = start;
                    }
                }
                case "appointmentOfBoard" -> control.add(ControlBasis.BOARD_APPOINTMENT);
                case "votingRights" -> {
                    if (isMajority(interest.path("share"))) {
                        control.add(ControlBasis.OTHER_INFLUENCE);
                    } else {
                        unrecorded.add(type);
                    }
                }
                default -> {
                    if (OTHER_INFLUENCE.contains(type)) {
                        control.add(ControlBasis.OTHER_INFLUENCE);
                    } else {
                        unrecorded.add(type.isEmpty() ? "an interest of no type" : type);
                    }
                }
            }
        }
        StakeTerms share = null;
        if (latestShareholding != null) {
            try {
                share = share(latestShareholding.path("share"));
            } catch (RegistryRejection e) {
                return new Mapped(null, Set.of(), "its shareholding " + e.getMessage());
            }
        }
        if (share == null && control.isEmpty()) {
            String why = indirect && unrecorded.isEmpty()
                    ? "only indirect interests, which the graph derives from the direct links"
                    : unrecorded.isEmpty()
                            ? "no interests"
                            : "no interest the registry records (" + String.join(", ", unrecorded) + ")";
            return new Mapped(null, Set.of(), why);
        }
        return new Mapped(share, Set.copyOf(control), null);
    }

    /** The direct interests that {@link #map} turned into terms, for their dates. */
    static List<JsonNode> mappedInterests(JsonNode details) {
        List<JsonNode> mapped = new ArrayList<>();
        for (JsonNode interest : details.path("interests")) {
            String type = interest.path("type").asText("");
            boolean direct = !interest.path("directOrIndirect").asText("").equals("indirect");
            boolean recorded = type.equals("shareholding")
                    || type.equals("appointmentOfBoard")
                    || OTHER_INFLUENCE.contains(type)
                    || (type.equals("votingRights") && isMajority(interest.path("share")));
            if (direct && recorded) {
                mapped.add(interest);
            }
        }
        return mapped;
    }

    /** A BODS share object as {@link StakeSpec} reads a percent, so that both refuse the same things. */
    private static StakeTerms share(JsonNode share) {
        if (share.isMissingNode() || share.isNull()) {
            return StakeSpec.read(range("atLeast", BigDecimal.ZERO), null, null, null);
        }
        if (share.has("exact")) {
            return StakeSpec.read(share.get("exact"), null, null, null);
        }
        ObjectNode range = JsonNodeFactory.instance.objectNode();
        copy(share, "minimum", range, "atLeast");
        copy(share, "exclusiveMinimum", range, "min");
        copy(share, "maximum", range, "atMost");
        copy(share, "exclusiveMaximum", range, "max");
        if (range.isEmpty()) {
            range.set("atLeast", JsonNodeFactory.instance.numberNode(BigDecimal.ZERO));
        }
        return StakeSpec.read(range, null, null, null);
    }

    private static ObjectNode range(String bound, BigDecimal value) {
        ObjectNode range = JsonNodeFactory.instance.objectNode();
        range.set(bound, JsonNodeFactory.instance.numberNode(value));
        return range;
    }

    private static void copy(JsonNode share, String from, ObjectNode range, String to) {
        if (share.has(from)) {
            range.set(to, share.get(from));
        }
    }

    /** Whether a voting share is above half: its exact value, or its lower bound, lies above 50%. */
    private static boolean isMajority(JsonNode share) {
        BigDecimal exact = decimal(share.path("exact"));
        if (exact != null) {
            return exact.compareTo(HALF) > 0;
        }
        BigDecimal minimum = decimal(share.path("minimum"));
        BigDecimal exclusiveMinimum = decimal(share.path("exclusiveMinimum"));
        return (minimum != null && minimum.compareTo(HALF) > 0)
                || (exclusiveMinimum != null && exclusiveMinimum.compareTo(HALF) >= 0);
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }

    // ---- Dates ----------------------------------------------------------------------------------

    static Instant optionalDate(String id, String field, JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : date(id, field, value);
    }

    static Instant date(String id, String field, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("record `" + id + "` has a statement without `" + field + "`");
        }
        return StakeSpec.instant(field, value);
    }
}
