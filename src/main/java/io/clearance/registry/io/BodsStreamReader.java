package io.clearance.registry.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.ImportReport;
import io.clearance.registry.InvalidField;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.StatedIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Streams a Beneficial Ownership Data Standard 0.4 package (a JSON array of statements, or one statement a
 * line) into a running registry, one statement at a time, honouring {@code recordStatus} per
 * {@code recordId}: a {@code new} or {@code updated} statement states its record afresh (the registry keeps
 * the last), a {@code closed} one ends it. Interests map onto a stake as {@link BodsPackageReader} describes;
 * parties and their countries as {@link BodsParties} reads them.
 *
 * <p>Dates: a stake is in force from its interests' earliest {@code startDate} to their latest
 * {@code endDate}. A relationship updated with other terms is known to hold those terms only from the
 * {@code statementDate} of that statement (BODS keeps an interest's {@code startDate} across updates); a
 * closed relationship without an {@code endDate} ended at the latest on its closing statement's date. A
 * closed entity or person stays a party: stakes in the past name it. Memory: one number per relationship
 * record (the hash of its terms), never a statement.
 *
 * <p>An entity's {@code identifiers} with an org-id.guide {@code scheme} become its identifiers (source
 * {@code bods}): {@code GET /v1/parties?identifier=lei:...} and a decision by identifier find the party.
 *
 * <p>Provenance: source {@code bods}, record id the {@code recordId}, as of the {@code statementDate}.
 */
public final class BodsStreamReader {

    private final RegistrySink sink;
    private final ImportReport report;
    private final String countryIfUnknown;
    private final Map<String, Integer> termsOf = new HashMap<>();

    private BodsStreamReader(RegistrySink sink, ImportReport report, String countryIfUnknown) {
        this.sink = sink;
        this.report = report;
        this.countryIfUnknown = countryIfUnknown;
    }

    public static void read(InputStream in, RegistrySink sink, ImportReport report, String countryIfUnknown)
            throws IOException {
        BodsStreamReader bods = new BodsStreamReader(sink, report, countryIfUnknown);
        JsonRecords.each(in, report, (line, statement) -> {
            String id = statement.path("recordId").asText(null);
            report.at(line, id);
            ImportRecords.guarded(report, () -> bods.statement(id, statement));
        });
    }

    private void statement(String id, JsonNode statement) {
        String type = statement.path("recordType").asText(null);
        if (id == null || type == null) {
            throw new InvalidField(
                    id == null ? "/recordId" : "/recordType", "the statement has no `recordId` or `recordType`");
        }
        Instant stated = at(
                "/statementDate", () -> BodsPackageReader.date(id, "statementDate", statement.path("statementDate")));
        Provenance from =
                new Provenance("bods", id, stated.atZone(ZoneOffset.UTC).toLocalDate());
        JsonNode details = statement.path("recordDetails");
        boolean closed = statement.path("recordStatus").asText("new").equals("closed");
        if (!type.equals("relationship")) {
            PartyInfo party = BodsParties.party(id, type, details, null);
            if (party == null && countryIfUnknown != null) {
                party = BodsParties.party(id, type, details, countryIfUnknown);
                report.skipped("parties with no country in the package (" + countryIfUnknown + " assumed)");
            }
            String countryField =
                    type.equals("person") ? "/recordDetails/nationalities" : "/recordDetails/jurisdiction";
            if (party == null) {
                throw new InvalidField(
                        countryField, "the " + type + " names no country; pass `countryIfUnknown` to import it anyway");
            }
            List<StatedIdentifier> identifiers = type.equals("entity") ? identifiers(details) : List.of();
            try {
                sink.party(party, from);
            } catch (RegistryRejection e) {
                throw e.errorCode() == ErrorCode.INVALID_COUNTRY
                        ? new InvalidField(countryField, e.errorCode(), e.getMessage())
                        : e;
            }
            // A closed record states none any more; an update restates them all (maybe none). A new record
            // stating none has none to drop, and is not held in memory for it.
            String status = statement.path("recordStatus").asText("new");
            if (!identifiers.isEmpty() || closed || status.equals("updated")) {
                sink.identifiers(party.id(), closed ? List.of() : identifiers, from);
            }
            return;
        }
        JsonNode subject = details.path("subject");
        JsonNode owner = details.path("interestedParty");
        if (!subject.isTextual() || !owner.isTextual()) {
            report.skipped("relationships with an unspecified subject or interested party");
            return;
        }
        int index = 0;
        for (JsonNode interest : details.path("interests")) {
            // Refused here, where the interest's position is known, rather than deep in the mapping.
            String where = "/recordDetails/interests/" + index++;
            at(where + "/startDate", () -> BodsPackageReader.optionalDate(id, "startDate", interest.path("startDate")));
            at(where + "/endDate", () -> BodsPackageReader.optionalDate(id, "endDate", interest.path("endDate")));
        }
        BodsPackageReader.Mapped mapped = BodsPackageReader.map(id, details);
        if (mapped.skipped() != null) {
            report.skipped("relationships with " + mapped.skipped());
            return;
        }
        StakeTerms terms = mapped.share() == null
                ? StakeTerms.control(mapped.control())
                : mapped.share().withControl(mapped.control());
        Integer before = termsOf.put(id, mapped.hashCode());
        Instant start = null;
        Instant end = null;
        boolean openStart = false;
        boolean openEnd = false;
        for (JsonNode interest : BodsPackageReader.mappedInterests(details)) {
            Instant s = BodsPackageReader.optionalDate(id, "startDate", interest.path("startDate"));
            Instant e = BodsPackageReader.optionalDate(id, "endDate", interest.path("endDate"));
            openStart |= s == null;
            openEnd |= e == null;
            start = s == null || (start != null && start.isBefore(s)) ? start : s;
            end = e == null || (end != null && end.isAfter(e)) ? end : e;
        }
        start = openStart ? null : start;
        end = openEnd ? null : end;
        if (before != null && before != mapped.hashCode() && (start == null || start.isBefore(stated))) {
            start = stated;
        }
        if (closed && end == null) {
            end = stated;
        }
        if (start != null && end != null && !start.isBefore(end)) {
            report.skipped("relationships in force for no time");
            return;
        }
        sink.stake(subject.asText(), owner.asText(), terms.during(start, end), from);
    }

    /**
     * The identifiers an entity states, {@code scheme} as org-id.guide lists it ({@code GB-COH} is
     * {@code gb-coh}, {@code XI-LEI} is {@code lei}); one without a {@code scheme} (only a {@code schemeName}) or
     * an {@code id} (only a {@code uri}) names no register entry we could look it up by, and is counted. A
     * person's identifiers (passports, tax numbers) are not kept.
     */
    private List<StatedIdentifier> identifiers(JsonNode details) {
        List<StatedIdentifier> stated = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode identifier : details.path("identifiers")) {
            String where = "/recordDetails/identifiers/" + index++;
            String scheme = identifier.path("scheme").asText("").strip();
            String value = identifier.path("id").asText("").strip();
            if (scheme.isEmpty() || value.isEmpty()) {
                report.skipped("entity identifiers without an org-id.guide `scheme` or an `id`");
                continue;
            }
            at(where + "/scheme", () -> Identifier.canonicalScheme(scheme));
            StatedIdentifier read = StatedIdentifier.of(scheme, value, where + "/id");
            if (seen.add(read.identifier().key())) {
                stated.add(read);
            }
        }
        return List.copyOf(stated);
    }

    /** {@code read}, whose refusal names {@code field}. */
    private static <T> T at(String field, Supplier<T> read) {
        try {
            return read.get();
        } catch (RegistryRejection e) {
            throw new InvalidField(field, e.errorCode(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw e instanceof InvalidField ? e : new InvalidField(field, e.getMessage());
        }
    }
}
