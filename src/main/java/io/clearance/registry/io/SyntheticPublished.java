package io.clearance.registry.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistrySink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a synthetic registry ({@link SyntheticRegistry}) in a published format, full size, for the import
 * benchmark: the GLEIF golden copy (LEI-CDF entities and RR-CDF relationships, CSV or JSON), a UK PSC
 * snapshot, a BODS 0.4 package as JSON Lines, OpenSanctions FollowTheMoney lines. Each stake becomes what
 * that format can say of it: a GLEIF consolidation, a PSC band, a BODS shareholding, an FtM ownership.
 * Files are written as they are generated; only the PSC writer keeps the parties (a PSC statement repeats
 * its holder's name and country).
 */
public final class SyntheticPublished implements RegistrySink, Closeable {

    private static final String[] LEI_COLUMNS = {
        "LEI", "Entity.LegalName", "Entity.LegalAddress.Country", "Entity.HeadquartersAddress.Country",
        "Entity.LegalJurisdiction", "Entity.EntityCategory", "Entity.EntityStatus", "Registration.LastUpdateDate",
        "Registration.RegistrationStatus"
    };
    private static final String[] RR_COLUMNS = {
        "Relationship.StartNode.NodeID", "Relationship.StartNode.NodeIDType", "Relationship.EndNode.NodeID",
        "Relationship.EndNode.NodeIDType", "Relationship.RelationshipType", "Relationship.Period.1.startDate",
        "Relationship.Period.1.endDate", "Relationship.Period.1.periodType", "Relationship.RelationshipStatus",
        "Registration.LastUpdateDate", "Registration.RegistrationStatus"
    };

    private final ImportFormat format;
    private final BufferedWriter parties;
    private final BufferedWriter stakes;
    private final CSVPrinter partyCsv;
    private final CSVPrinter stakeCsv;
    private final JsonGenerator partyJson;
    private final SyntheticGleifJson gleifJson;
    private final Map<String, PartyInfo> known = new HashMap<>();
    private long statement;

    /**
     * Writes into {@code directory}: {@code lei.csv} and {@code rr.csv} (or {@code .json}) for GLEIF,
     * {@code psc.jsonl}, {@code bods.jsonl} or {@code ftm.jsonl} otherwise.
     */
    public SyntheticPublished(ImportFormat format, Path directory) throws IOException {
        this.format = format;
        Files.createDirectories(directory);
        boolean gleif = format.source().equals("gleif");
        boolean csv = format == ImportFormat.GLEIF_LEI_CSV || format == ImportFormat.GLEIF_RR_CSV;
        String single = switch (format) {
            case UK_PSC -> "psc.jsonl";
            case BODS -> "bods.jsonl";
            case OPENSANCTIONS -> "ftm.jsonl";
            default -> csv ? "lei.csv" : "lei.json";
        };
        parties = Files.newBufferedWriter(directory.resolve(single), StandardCharsets.UTF_8);
        stakes = gleif
                ? Files.newBufferedWriter(directory.resolve(csv ? "rr.csv" : "rr.json"), StandardCharsets.UTF_8)
                : parties;
        partyCsv = csv
                ? new CSVPrinter(
                        parties,
                        CSVFormat.DEFAULT.builder().setHeader(LEI_COLUMNS).get())
                : null;
        stakeCsv = csv
                ? new CSVPrinter(
                        stakes,
                        CSVFormat.DEFAULT.builder().setHeader(RR_COLUMNS).get())
                : null;
        gleifJson = gleif && !csv ? new SyntheticGleifJson(parties, stakes) : null;
        partyJson = csv || gleif ? null : JsonRecords.JSON.getFactory().createGenerator(parties);
        if (partyJson != null) {
            partyJson.setRootValueSeparator(null);
        }
    }

    @Override
    public void party(PartyInfo party) {
        try {
            switch (format) {
                case GLEIF_LEI_CSV, GLEIF_RR_CSV ->
                    partyCsv.printRecord(
                            party.id(),
                            party.name(),
                            party.country(),
                            party.country(),
                            party.country(),
                            "GENERAL",
                            "ACTIVE",
                            "2026-11-01T00:00:00Z",
                            "ISSUED");
                case GLEIF_LEI_JSON, GLEIF_RR_JSON -> gleifJson.entity(party);
                case UK_PSC -> known.put(party.id(), party);
                case BODS -> {
                    ObjectNode record = bods(party.id(), party.kind().isOrganisation() ? "entity" : "person");
                    ObjectNode details = record.putObject("recordDetails");
                    details.put("isComponent", false);
                    if (party.kind().isOrganisation()) {
                        details.putObject("entityType").put("type", "registeredEntity");
                        details.put("name", party.name());
                        details.putObject("jurisdiction").put("code", party.country());
                    } else {
                        details.putObject("personType").put("type", "knownPerson");
                        details.putArray("names").addObject().put("fullName", party.name());
                        details.putArray("nationalities").addObject().put("code", party.country());
                    }
                    json(partyJson, record);
                }
                case OPENSANCTIONS -> {
                    ObjectNode record = JsonRecords.JSON.createObjectNode();
                    record.put("id", party.id());
                    record.put("schema", party.kind().isOrganisation() ? "Company" : "Person");
                    ObjectNode properties = record.putObject("properties");
                    properties.putArray("name").add(party.name());
                    properties
                            .putArray(party.kind().isOrganisation() ? "jurisdiction" : "country")
                            .add(party.country().toLowerCase(java.util.Locale.ROOT));
                    json(partyJson, record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stake(String ownedId, String ownerId, StakeTerms terms) {
        try {
            switch (format) {
                case GLEIF_LEI_CSV, GLEIF_RR_CSV ->
                    stakeCsv.printRecord(
                            ownedId,
                            "LEI",
                            ownerId,
                            "LEI",
                            "IS_DIRECTLY_CONSOLIDATED_BY",
                            SyntheticGleifJson.periodStart(terms),
                            SyntheticGleifJson.periodEnd(terms),
                            "RELATIONSHIP_PERIOD",
                            "ACTIVE",
                            "2026-11-01T00:00:00Z",
                            "PUBLISHED");
                case GLEIF_LEI_JSON, GLEIF_RR_JSON -> gleifJson.relation(ownedId, ownerId, terms);
                case UK_PSC -> {
                    PartyInfo owner = known.get(ownerId);
                    ObjectNode record = JsonRecords.JSON.createObjectNode();
                    record.put("company_number", ownedId);
                    ObjectNode data = record.putObject("data");
                    boolean company = owner.kind().isOrganisation();
                    data.put(
                            "kind",
                            company
                                    ? "corporate-entity-person-with-significant-control"
                                    : "individual-person-with-significant-control");
                    data.put("name", owner.name());
                    data.putArray("natures_of_control").add(band(terms));
                    data.put("notified_on", "2016-04-06");
                    data.putObject("links")
                            .put("self", "/company/" + ownedId + "/persons-with-significant-control/x/" + ownerId);
                    if (company) {
                        data.putObject("identification").put("country_registered", owner.country());
                    } else {
                        data.put("country_of_residence", owner.country());
                    }
                    json(partyJson, record);
                }
                case BODS -> {
                    ObjectNode record = bods("rel-" + ownedId + "-" + ownerId, "relationship");
                    ObjectNode details = record.putObject("recordDetails");
                    details.put("isComponent", false);
                    details.put("subject", ownedId);
                    details.put("interestedParty", ownerId);
                    ArrayNode interests = details.putArray("interests");
                    ObjectNode interest =
                            interests.addObject().put("type", "shareholding").put("directOrIndirect", "direct");
                    interest.putObject("share")
                            .put("exact", Share.toPercent(terms.min()).max(java.math.BigDecimal.ONE));
                    json(partyJson, record);
                }
                case OPENSANCTIONS -> {
                    ObjectNode record = JsonRecords.JSON.createObjectNode();
                    record.put("id", "own-" + ownedId + "-" + ownerId);
                    record.put("schema", "Ownership");
                    ObjectNode properties = record.putObject("properties");
                    properties.putArray("owner").add(ownerId);
                    properties.putArray("asset").add(ownedId);
                    properties
                            .putArray("percentage")
                            .add(Share.toPercent(Math.max(terms.min(), Share.HUNDRED_PERCENT / 100))
                                    .toPlainString());
                    json(partyJson, record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PSC band a share falls in; below 25% a PSC would not be registrable, so the lowest band. */
    private static String band(StakeTerms terms) {
        long q = Share.HUNDRED_PERCENT / 4;
        long share = terms.min();
        return share >= 3 * q
                ? "ownership-of-shares-75-to-100-percent"
                : share > 2 * q ? "ownership-of-shares-50-to-75-percent" : "ownership-of-shares-25-to-50-percent";
    }

    private ObjectNode bods(String recordId, String type) {
        ObjectNode record = JsonRecords.JSON.createObjectNode();
        record.put("statementId", "st-" + statement++);
        record.put("statementDate", "2026-11-01");
        record.put("recordId", recordId);
        record.put("recordType", type);
        record.put("recordStatus", "new");
        return record;
    }

    private static void json(JsonGenerator generator, ObjectNode record) throws IOException {
        JsonRecords.JSON.writeTree(generator, record);
        generator.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        if (gleifJson != null) {
            gleifJson.close();
        }
        if (partyCsv != null) {
            partyCsv.close(true);
            stakeCsv.close(true);
        }
        if (partyJson != null) {
            partyJson.close();
        }
        parties.close();
        stakes.close();
    }
}
