package io.clearance.registry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportReport;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic files the import benchmark parses must be files the readers take whole, or the benchmark
 * would time refusals: each published format's file reads back with no refusal, and the GLEIF golden copy
 * gives the same parties and stakes from its JSON as from its CSV distribution, in GLEIF's JSON shape.
 */
class SyntheticPublishedTest {

    private static final int PARTIES = 2_000;
    private static final int STAKES = 3_000;

    @TempDir
    Path folder;

    @Test
    void theGleifJsonDistributionReadsBackAsTheCsvOne() throws IOException {
        Recorded json = gleif(ImportFormat.GLEIF_LEI_JSON, "json");
        Recorded csv = gleif(ImportFormat.GLEIF_LEI_CSV, "csv");
        assertEquals(PARTIES, json.parties.size());
        assertTrue(json.stakes.size() > STAKES * 9 / 10, json.stakes.size() + " stakes of " + STAKES);
        assertEquals(csv.stakes, json.stakes);
        // The JSON tells the entity category (a sole proprietor is an individual); the CSV writes GENERAL.
        assertEquals(ids(csv.parties), ids(json.parties));
        assertTrue(json.parties.stream().anyMatch(p -> !p.kind().isOrganisation()), "no sole proprietor");
    }

    @Test
    void theGleifJsonFilesHaveThePublishedShape() throws IOException {
        Path dir = folder.resolve("shape");
        write(ImportFormat.GLEIF_LEI_JSON, dir);
        JsonNode lei = JsonRecords.JSON.readTree(dir.resolve("lei.json").toFile());
        JsonNode entity = lei.path("records").path(0);
        assertEquals("p0", entity.at("/LEI/$").asText());
        assertEquals("en", entity.at("/Entity/LegalName/@xml:lang").asText());
        assertEquals("ISSUED", entity.at("/Registration/RegistrationStatus/$").asText());
        assertEquals(PARTIES, lei.path("records").size());
        JsonNode rr = JsonRecords.JSON.readTree(dir.resolve("rr.json").toFile());
        JsonNode relation = rr.path("relations").path(0).path("Relationship");
        assertEquals("LEI", relation.at("/StartNode/NodeIDType/$").asText());
        assertEquals(
                "RELATIONSHIP_PERIOD",
                relation.at("/RelationshipPeriods/RelationshipPeriod/1/PeriodType/$")
                        .asText());
    }

    @Test
    void everyOtherPublishedFormatReadsBackWithoutARefusal() throws IOException {
        for (ImportFormat format : List.of(ImportFormat.UK_PSC, ImportFormat.BODS, ImportFormat.OPENSANCTIONS)) {
            Path dir = folder.resolve(format.wireName());
            write(format, dir);
            Path file;
            try (var files = Files.list(dir)) {
                file = files.findFirst().orElseThrow();
            }
            Recorded read = new Recorded();
            ImportReport report = read(format, file, read);
            assertEquals(0, report.rejected(), format + ": " + report.snapshot().rejections());
            assertTrue(read.stakes.size() > STAKES / 2, format + ": " + read.stakes.size() + " stakes");
        }
    }

    private Recorded gleif(ImportFormat format, String extension) throws IOException {
        Path dir = folder.resolve(extension);
        write(format, dir);
        boolean json = extension.equals("json");
        Recorded read = new Recorded();
        ImportReport entities = read(
                json ? ImportFormat.GLEIF_LEI_JSON : ImportFormat.GLEIF_LEI_CSV, dir.resolve("lei." + extension), read);
        ImportReport relations = read(
                json ? ImportFormat.GLEIF_RR_JSON : ImportFormat.GLEIF_RR_CSV, dir.resolve("rr." + extension), read);
        assertEquals(0, entities.rejected(), entities.snapshot().rejections().toString());
        assertEquals(0, relations.rejected(), relations.snapshot().rejections().toString());
        assertEquals(PARTIES, entities.recordsRead());
        return read;
    }

    private static void write(ImportFormat format, Path dir) throws IOException {
        try (SyntheticPublished out = new SyntheticPublished(format, dir)) {
            new SyntheticRegistry(21, 0.03).generate(PARTIES, STAKES, out);
        }
    }

    private static ImportReport read(ImportFormat format, Path file, RegistrySink sink) throws IOException {
        ImportReport report = new ImportReport();
        try (InputStream in = Files.newInputStream(file)) {
            format.read(in, sink, report, new ImportFormat.Options("GB"));
        }
        return report;
    }

    private static List<String> ids(List<PartyInfo> parties) {
        return parties.stream()
                .map(p -> p.id() + " " + p.name() + " " + p.country())
                .toList();
    }

    /** What a reader gave, in order. */
    private static final class Recorded implements RegistrySink {
        final List<PartyInfo> parties = new ArrayList<>();
        final List<String> stakes = new ArrayList<>();

        @Override
        public void party(PartyInfo party) {
            parties.add(party);
        }

        @Override
        public void partyIfAbsent(PartyInfo party, Provenance from) {
            parties.add(party);
        }

        @Override
        public void stake(String ownedId, String ownerId, StakeTerms terms) {
            stakes.add(ownerId + " > " + ownedId + " " + terms);
        }
    }
}
