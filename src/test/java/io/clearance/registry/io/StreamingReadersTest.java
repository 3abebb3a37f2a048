package io.clearance.registry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportReport;
import io.clearance.registry.PartyRules;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each streaming reader on its fixtures (written from the published schemas), without a database: what
 * parties and stakes it states, with which provenance, what it skips and what it refuses by line.
 */
class StreamingReadersTest {

    static final String CN = "5493001DRAGONGATE044";
    static final String DE = "5493002RHEINANALY037";
    static final String FR_BRANCH = "5493003DRAGONPARI074";
    static final String NL = "5493006TULIPTRADE089";

    /** Records what a reader states, the last statement of each party and stake winning, as a registry keeps. */
    static final class Recorded implements RegistrySink {
        final Map<String, PartyInfo> parties = new LinkedHashMap<>();
        final Map<String, Provenance> partySources = new LinkedHashMap<>();
        final Map<String, StakeTerms> stakes = new LinkedHashMap<>();
        final Map<String, Provenance> stakeSources = new LinkedHashMap<>();
        final List<String> ended = new ArrayList<>();

        @Override
        public void party(PartyInfo party) {
            party(party, Provenance.api());
        }

        @Override
        public void stake(String ownedId, String ownerId, StakeTerms terms) {
            stake(ownedId, ownerId, terms, Provenance.api());
        }

        @Override
        public void party(PartyInfo party, Provenance from) {
            PartyRules.checkParty(party); // as the import's writer does
            parties.put(party.id(), party);
            partySources.put(party.id(), from);
        }

        @Override
        public void partyIfAbsent(PartyInfo party, Provenance from) {
            if (!parties.containsKey(party.id())) {
                party(party, from);
            }
        }

        @Override
        public void stake(String ownedId, String ownerId, StakeTerms terms, Provenance from) {
            stakes.put(ownedId + "<" + ownerId, terms);
            stakeSources.put(ownedId + "<" + ownerId, from);
        }

        @Override
        public void endStake(String ownedId, String ownerId, Instant at, Provenance from) {
            ended.add(ownedId + "<" + ownerId + "@" + at);
        }
    }

    static Recorded read(ImportFormat format, String fixture, ImportReport report) throws IOException {
        Recorded recorded = new Recorded();
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/imports", fixture))) {
            format.read(in, recorded, report, new ImportFormat.Options(null));
        }
        return recorded;
    }

    @Test
    void gleifEntitiesAndRelationshipsInJson() throws IOException {
        ImportReport report = new ImportReport();
        Recorded entities = read(ImportFormat.GLEIF_LEI_JSON, "gleif/lei-golden.json", report);
        assertEquals(6, entities.parties.size());
        assertEquals(
                new PartyInfo(CN, "Dragon Gate Holdings Co., Ltd.", PartyKind.COMPANY, "CN", null),
                entities.parties.get(CN));
        assertEquals("FR", entities.parties.get(FR_BRANCH).country(), "a branch is where its headquarters address is");
        assertEquals(new Provenance("gleif", CN, LocalDate.parse("2026-11-01")), entities.partySources.get(CN));

        Recorded relationships = read(ImportFormat.GLEIF_RR_JSON, "gleif/rr-golden.json", report);
        StakeTerms consolidated = StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION))
                .during(Instant.parse("2019-01-01T00:00:00Z"), null);
        assertEquals(consolidated, relationships.stakes.get(DE + "<" + CN));
        assertEquals(
                StakeTerms.exact(Share.HUNDRED_PERCENT).during(Instant.parse("2019-01-01T00:00:00Z"), null),
                relationships.stakes.get(FR_BRANCH + "<" + CN),
                "a branch is its head office's: 100%");
        assertEquals(List.of(NL + "<" + CN + "@2020-06-30T00:00:00Z"), relationships.ended, "INACTIVE closes the edge");
        assertEquals(1L, report.snapshot().skipped().get("fund relationships (IS_FUND-MANAGED_BY)"));
        assertEquals(0, report.rejected());
    }

    @Test
    void gleifCsvReadsLikeJson() throws IOException {
        ImportReport report = new ImportReport();
        Recorded entities = read(ImportFormat.GLEIF_LEI_CSV, "gleif/lei-golden.csv", report);
        assertEquals(4, entities.parties.size());
        assertEquals(
                "Alpine Instruments AG",
                entities.parties.get("5493010ALPINEAG00044").name());
        Recorded relationships = read(ImportFormat.GLEIF_RR_CSV, "gleif/rr-golden.csv", report);
        assertEquals(
                StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION))
                        .during(Instant.parse("2020-01-01T00:00:00Z"), null),
                relationships.stakes.get("5493008VENETOSRL0083<5493007JADERIVER0080"),
                "the accounting period says nothing of when the relationship held");
        assertEquals(0, report.rejected());
    }

    @Test
    void aBadFileIsRefusedRecordByRecordWithItsLine() throws IOException {
        ImportReport report = new ImportReport();
        read(ImportFormat.GLEIF_LEI_JSON, "gleif/lei-bad.jsonl", report);
        ImportReport.Snapshot snapshot = report.snapshot();
        assertEquals(2, snapshot.rejected());
        assertEquals(2, snapshot.rejections().get(0).line());
        assertTrue(snapshot.rejections().get(0).message().contains("LegalName"));
        assertEquals(3, snapshot.rejections().get(1).line());
        assertEquals("invalid-country", snapshot.rejections().get(1).code());
    }

    @Test
    void ukPscBandsBecomeRangesAndCeasedStatementsEnd() throws IOException {
        ImportReport report = new ImportReport();
        Recorded psc = read(ImportFormat.UK_PSC, "uk-psc/psc-snapshot.jsonl", report);
        long q = Share.HUNDRED_PERCENT / 4;
        assertEquals(
                new StakeTerms(3 * q, false, 4 * q, false, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO)
                        .withControl(Set.of(ControlBasis.OTHER_INFLUENCE, ControlBasis.BOARD_APPOINTMENT))
                        .during(Instant.parse("2016-04-06T00:00:00Z"), null),
                psc.stakes.get("gb-coh:10000001<uk-psc:cnDragonGate01"));
        assertEquals("CN", psc.parties.get("uk-psc:cnDragonGate01").country());
        assertEquals(
                new StakeTerms(q, true, 2 * q, false, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO)
                        .withControl(Set.of(ControlBasis.OTHER_INFLUENCE))
                        .during(Instant.parse("2016-04-06T00:00:00Z"), null),
                psc.stakes.get("gb-coh:10000002<uk-psc:janeSmith01"),
                "more than 25% but not more than 50% of the shares; 25-50% of the votes is recorded as influence");
        assertEquals(
                new PartyInfo("uk-psc:janeSmith01", "Mrs Jane Elizabeth Smith", PartyKind.INDIVIDUAL, "GB", "GB"),
                psc.parties.get("uk-psc:janeSmith01"));
        assertTrue(
                psc.stakes.containsKey("gb-coh:10000003<gb-coh:10000001"), "a UK corporate PSC is the company itself");
        assertEquals(
                Instant.parse("2024-05-01T00:00:00Z").getEpochSecond(),
                psc.stakes.get("gb-coh:10000004<uk-psc:cnDragonGate02").validTo(),
                "a ceased statement ends the stake");
        ImportReport.Snapshot snapshot = report.snapshot();
        assertEquals(0, snapshot.rejected());
        assertEquals(1L, snapshot.skipped().get("PSC persons-with-significant-control-statement"));
        assertTrue(snapshot.unaccounted().contains(new ImportReport.Unaccounted("gb-coh:10000002", "50", "75")));
    }

    @Test
    void ukPscRefusalsNameTheirLines() throws IOException {
        ImportReport report = new ImportReport();
        read(ImportFormat.UK_PSC, "uk-psc/psc-bad.jsonl", report);
        List<ImportReport.Rejection> rejections = report.snapshot().rejections();
        assertEquals(
                List.of(2L, 3L),
                rejections.stream().map(ImportReport.Rejection::line).toList());
        assertTrue(rejections.get(1).message().contains("Atlantis"));
    }

    @Test
    void openSanctionsOwnershipIsExactAndDirectorshipsAreCounted() throws IOException {
        ImportReport report = new ImportReport();
        Recorded os = read(ImportFormat.OPENSANCTIONS, "opensanctions/entities.ftm.jsonl", report);
        assertEquals(
                StakeTerms.exact(Share.fromPercent("51.5")).during(Instant.parse("2019-01-01T00:00:00Z"), null),
                os.stakes.get("os:os-uk-sub<os:os-cn-parent"));
        assertEquals(
                new StakeTerms(
                        25 * Share.HUNDRED_PERCENT / 100,
                        false,
                        Share.HUNDRED_PERCENT / 2,
                        false,
                        0,
                        StakeTerms.ALWAYS_FROM,
                        StakeTerms.ALWAYS_TO),
                os.stakes.get("os:os-nl-co<os:os-person"));
        assertEquals(
                new PartyInfo("os:os-person", "Ivan Example", PartyKind.INDIVIDUAL, "RU", "RU"),
                os.parties.get("os:os-person"));
        assertEquals(1L, report.snapshot().skipped().get("FollowTheMoney Directorship"));
        assertEquals(1L, report.snapshot().skipped().get("FollowTheMoney Sanction"));
        assertEquals(0, report.rejected());
    }

    @Test
    void bodsStreamsRecordStatusesAsTheWholeFileReaderReadsThem() throws IOException {
        // Fermcat, as BodsPackageTest reads it whole: the same stakes, one statement at a time.
        ImportReport report = new ImportReport();
        Recorded bods = read(ImportFormat.BODS, "../bods-0.4/fermcat.json", report);
        assertEquals(
                StakeTerms.exact(Share.fromPercent("50"))
                        .during(Instant.parse("2019-09-11T00:00:00Z"), Instant.parse("2021-04-03T00:00:00Z")),
                bods.stakes.get("ent-93c75c87ab28f889<per-5faa4103dee78621"));
        assertEquals(
                StakeTerms.exact(Share.HUNDRED_PERCENT).during(Instant.parse("2022-01-21T11:56:47Z"), null),
                bods.stakes.get("ent-93c75c87ab28f889<per-41c0bb0cef246f7c"));

        ImportReport lines = new ImportReport();
        Recorded kiel = read(ImportFormat.BODS, "bods/kiel-robotics.jsonl", lines);
        assertEquals(
                StakeTerms.exact(Share.fromPercent("60")).during(Instant.parse("2025-03-01T00:00:00Z"), null),
                kiel.stakes.get("ent-bods-de<ent-bods-cn"),
                "updated to 60%, known from the update");
        assertEquals(
                Instant.parse("2025-06-01T00:00:00Z").getEpochSecond(),
                kiel.stakes.get("ent-bods-gb<ent-bods-cn").validTo(),
                "closed on its closing statement's date");
        Recorded array = read(ImportFormat.BODS, "bods/kiel-robotics.json", new ImportReport());
        assertEquals(kiel.stakes, array.stakes, "a JSON array reads as JSON Lines do");
    }

    static Recorded readText(ImportFormat format, String lines, ImportReport report) throws IOException {
        Recorded recorded = new Recorded();
        format.read(
                new java.io.ByteArrayInputStream(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                recorded,
                report,
                new ImportFormat.Options(null));
        return recorded;
    }

    @Test
    void gleifEntityCategoriesJurisdictionsAndAnnulledRegistrations() throws IOException {
        ImportReport report = new ImportReport();
        Recorded entities = readText(ImportFormat.GLEIF_LEI_JSON, """
                {"LEI": "5493030MINISTRY00001", "Entity": {"LegalName": "Ministry", "LegalJurisdiction": "NO",\
                 "EntityCategory": "RESIDENT_GOVERNMENT_ENTITY"}}
                {"LEI": "5493031SOLETRADER002", "Entity": {"LegalName": "Sole Trader", "LegalAddress": {"Country": "IE"},\
                 "EntityCategory": "SOLE_PROPRIETOR"}}
                {"LEI": "5493032QUEBECINC0003", "Entity": {"LegalName": "Quebec Inc", "LegalJurisdiction": "CA-QC",\
                 "EntityCategory": "GENERAL"}}
                {"LEI": "5493033ANNULLED00004", "Entity": {"LegalName": "Issued In Error", "LegalJurisdiction": "DE"},\
                 "Registration": {"RegistrationStatus": "ANNULLED"}}
                """, report);
        assertEquals(
                PartyKind.GOVERNMENT,
                entities.parties.get("5493030MINISTRY00001").kind());
        assertEquals("NO", entities.parties.get("5493030MINISTRY00001").country(), "the legal jurisdiction");
        assertEquals(
                PartyKind.INDIVIDUAL,
                entities.parties.get("5493031SOLETRADER002").kind());
        assertEquals("IE", entities.parties.get("5493031SOLETRADER002").country(), "the legal address");
        assertEquals("CA", entities.parties.get("5493032QUEBECINC0003").country(), "CA-QC is in Canada");
        assertEquals(3, entities.parties.size(), "an annulled LEI is no party");
        assertEquals(1L, report.snapshot().skipped().get("annulled LEI registrations"));
        assertEquals(0, report.rejected());
    }

    @Test
    void openSanctionsOrganizationsArePartiesAndPercentagesAreText() throws IOException {
        ImportReport report = new ImportReport();
        Recorded os = readText(ImportFormat.OPENSANCTIONS, """
                {"id": "org-1", "schema": "Organization", "properties": {"name": ["Polder Foundation"], "country": ["nl"]}}
                {"id": "co-1", "schema": "Company", "properties": {"name": ["Polder Shipping B.V."], "jurisdiction": ["nl"]}}
                {"id": "own-1", "schema": "Ownership", "properties": {"owner": ["org-1"], "asset": ["co-1"],\
                 "percentage": ["12.5%"]}}
                """, report);
        assertEquals(
                new PartyInfo("os:org-1", "Polder Foundation", PartyKind.COMPANY, "NL", null),
                os.parties.get("os:org-1"));
        assertEquals(StakeTerms.exact(Share.fromPercent("12.5")), os.stakes.get("os:co-1<os:org-1"));
        assertEquals(0, report.rejected());
    }
}
