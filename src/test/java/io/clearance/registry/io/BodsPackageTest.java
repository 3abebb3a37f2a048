package io.clearance.registry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistryImport;
import io.clearance.registry.ShareLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BODS 0.4 packages read into the registry, on the standard's own examples (in
 * {@code src/test/resources/bods-0.4}, unchanged): share ranges with inclusive and exclusive bounds,
 * control without a share, interest dates, updated and closed records, and what is skipped with a note.
 */
class BodsPackageTest {

    private static final Path EXAMPLES = Path.of("src/test/resources/bods-0.4");

    @TempDir
    Path folder;

    @Test
    void aMinimumIsInclusiveAndAnExclusiveMaximumExclusive() throws IOException {
        // JENEX LIMITED is owned 75% or more, but less than 100%, by MVJ LIMITED; both GB by their GB-COH ids.
        Read read = read("bods-package-entity-owning-entity.json", null);
        assertEquals(
                List.of(new RegistryFileTest.Recorded.Row(
                        "12b7dd0770ce", "e83cce729ada", range("75", false, "100", true))),
                read.stakes());
        assertEquals(
                Set.of("GB"), read.parties().stream().map(PartyInfo::country).collect(Collectors.toSet()));
        assertEquals(List.of(), read.notes());
    }

    @Test
    void exclusiveBoundsOnBothSidesAreABodsBandWithItsStartDate() throws IOException {
        Read read = read("bods-package-linking-annotations.json", "GB");
        assertEquals(
                List.of(new RegistryFileTest.Recorded.Row(
                        "a01c1a0863e2",
                        "0fc263ba4126",
                        StakeTerms.between(Share.fromPercent("25"), Share.fromPercent("50"))
                                .during(Instant.parse("2018-09-19T00:00:00Z"), null))),
                read.stakes());
        assertEquals(List.of("record `0fc263ba4126`: no country in the package; GB assumed"), read.notes());
    }

    @Test
    void aPartyWithoutACountryIsRefusedUnlessOneIsGiven() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> read("simple-pep-declaration.json", null));
        assertEquals(
                "simple-pep-declaration.json: 1 party record(s) name no country (c9ceb68d7241); give the country"
                        + " to assume for them",
                refused.getMessage());
    }

    @Test
    void votingRightsWithoutAMajorityAreNotControl() throws IOException {
        // 25% or more but less than 50% of shares and of votes.
        Read read = read("simple-pep-declaration.json", "GB");
        assertEquals(
                List.of(new RegistryFileTest.Recorded.Row(
                        "841083ba86e3",
                        "c9ceb68d7241",
                        range("25", false, "50", true).during(Instant.parse("2016-07-07T00:00:00Z"), null))),
                read.stakes());
        PartyInfo person = read.parties().stream()
                .filter(p -> p.id().equals("c9ceb68d7241"))
                .findFirst()
                .orElseThrow();
        assertEquals(PartyKind.INDIVIDUAL, person.kind());
        assertEquals("Michael Hubbard", person.name());
    }

    @Test
    void otherInfluenceWithoutAShareIsControlAndIndirectInterestsAreLeftToTheGraph() throws IOException {
        // A Finnish state-owned enterprise: the state steers the ministry, the ministry holds shares.
        Read read = read("bods-package-fi-soe.json", null);
        Map<String, StakeTerms> stakes = read.byPair();
        assertEquals(StakeTerms.control(Set.of(ControlBasis.OTHER_INFLUENCE)), stakes.get("7ff95ba3682c<05ce06ec97b1"));
        assertEquals(
                StakeTerms.exact(Share.fromPercent("76.5")).during(Instant.parse("2020-01-01T00:00:00Z"), null),
                stakes.get("19f1c5afe9d7<0199c515a699"));
        assertEquals(4, stakes.size(), stakes.toString());
        assertEquals(
                List.of("record `e8ddaee2a7a4`: only indirect interests, which the graph derives from the direct"
                        + " links; skipped"),
                read.notes());
        assertEquals(
                PartyKind.GOVERNMENT,
                read.parties().stream()
                        .filter(p -> p.id().equals("05ce06ec97b1"))
                        .findFirst()
                        .orElseThrow()
                        .kind());
    }

    @Test
    void aNominatorControlsWhatItsNomineeHoldsAndBoardSeatsAreNotControl() throws IOException {
        Read read = read("nomination.json", null);
        assertEquals(
                List.of(new RegistryFileTest.Recorded.Row(
                        "103AB1984D",
                        "101AB1984F",
                        StakeTerms.control(Set.of(ControlBasis.OTHER_INFLUENCE))
                                .during(Instant.parse("2023-04-30T00:00:00Z"), null))),
                read.stakes());
        assertTrue(read.notes().contains("record `106AB1984A`: no interest the registry records (nominee); skipped"));
        assertTrue(
                read.notes().contains("record `107AC1984F`: no interest the registry records (boardMember); skipped"));
    }

    @Test
    void endedAndUpdatedRelationshipsKeepTheDatesTheirTermsAreKnownFor() throws IOException {
        // Fermcat: two 50% holders; one leaves on 2021-04-03 and a successor holds 50% until 2022-01-21, when
        // the other holder's stake is updated to 100%.
        Read read = read("fermcat.json", null);
        Map<String, StakeTerms> stakes = read.byPair();
        assertEquals(
                StakeTerms.exact(Share.fromPercent("50"))
                        .during(Instant.parse("2019-09-11T00:00:00Z"), Instant.parse("2021-04-03T00:00:00Z")),
                stakes.get("ent-93c75c87ab28f889<per-5faa4103dee78621"));
        assertEquals(
                StakeTerms.exact(Share.fromPercent("50"))
                        .during(Instant.parse("2021-04-03T00:00:00Z"), Instant.parse("2022-01-21T00:00:00Z")),
                stakes.get("ent-93c75c87ab28f889<per-e334cc6258e56467"));
        // BODS keeps the interest's start date across the update; 100% is only known from that statement.
        assertEquals(
                StakeTerms.exact(Share.HUNDRED_PERCENT).during(Instant.parse("2022-01-21T11:56:47Z"), null),
                stakes.get("ent-93c75c87ab28f889<per-41c0bb0cef246f7c"));
        assertEquals(Optional.empty(), ShareLimit.firstExcess(List.copyOf(stakes.values())), "the 100% rule holds");
    }

    @Test
    void aClosedRecordWithoutAnEndDateEndsOnItsClosingStatementAndAVotingMajorityIsControl() throws IOException {
        Read read = read("tecido.json", "US");
        Map<String, StakeTerms> stakes = read.byPair();
        assertEquals(
                StakeTerms.exact(Share.fromPercent("30"))
                        .during(Instant.parse("2022-09-25T00:00:00Z"), Instant.parse("2023-03-03T00:00:00Z")),
                stakes.get("01B68D7633<018AF6B3EB"));
        assertEquals(
                StakeTerms.exact(Share.fromPercent("80"))
                        .withControl(Set.of(ControlBasis.OTHER_INFLUENCE))
                        .during(Instant.parse("2023-03-03T00:00:00Z"), null),
                stakes.get("01B68D7633<033E84672B"));
        // The jurisdiction US-DE is a subdivision of the US.
        assertEquals(
                "US",
                read.parties().stream()
                        .filter(p -> p.id().equals("01B68D7633"))
                        .findFirst()
                        .orElseThrow()
                        .country());
    }

    @Test
    void aTrusteeControlsTheTrustAndABeneficiaryIsNotRecorded() throws IOException {
        Read read = read("levent.json", "FR");
        Map<String, StakeTerms> stakes = read.byPair();
        assertEquals(
                Set.of(ControlBasis.OTHER_INFLUENCE),
                stakes.get("8e40d059<700c264e").control());
        assertEquals(0, stakes.get("8e40d059<700c264e").max());
        assertTrue(read.notes()
                .contains("record `3e47afda`: no interest the registry records (beneficiaryOfLegalArrangement);"
                        + " skipped"));
    }

    @Test
    void everyOfficialExampleReadsWithACountryGiven() throws IOException {
        try (var files = Files.list(EXAMPLES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Read read = read(file.getFileName().toString(), "GB");
                Map<String, List<StakeTerms>> into = read.stakes().stream()
                        .collect(Collectors.groupingBy(
                                RegistryFileTest.Recorded.Row::owned,
                                Collectors.mapping(RegistryFileTest.Recorded.Row::terms, Collectors.toList())));
                into.forEach((owned, terms) ->
                        assertEquals(Optional.empty(), ShareLimit.firstExcess(terms), file + ": " + owned));
            }
        }
    }

    @Test
    void aPackageImportsIntoTheRegistryDatabase() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("bods").toAbsolutePath();
        RegistryImport.Result result = RegistryImport.run(
                RegistryFile.source(
                        EXAMPLES.resolve("bods-package-linking-annotations.json"), new RegistryFile.Options("GB")),
                url,
                "sa",
                "");
        assertEquals(2, result.parties());
        assertEquals(1, result.stakes());
        assertEquals(List.of("record `0fc263ba4126`: no country in the package; GB assumed"), result.notes());
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select min_percent, min_exclusive, max_percent, max_exclusive, valid_from from stake")) {
            row.next();
            assertEquals("25.000000", row.getBigDecimal(1).toPlainString());
            assertEquals(true, row.getBoolean(2));
            assertEquals("50.000000", row.getBigDecimal(3).toPlainString());
            assertEquals(true, row.getBoolean(4));
            assertEquals(
                    Instant.parse("2018-09-19T00:00:00Z"),
                    row.getObject(5, OffsetDateTime.class).toInstant());
        }
    }

    @Test
    void aShareTheRegistryRefusesSkipsItsRelationshipWithANote() throws IOException {
        Path file = folder.resolve("odd.json");
        Files.writeString(file, """
                [
                  {"statementId": "s1", "statementDate": "2024-01-01", "recordId": "a", "recordType": "entity",
                   "recordStatus": "new", "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "A",
                   "jurisdiction": {"code": "DE"}}},
                  {"statementId": "s2", "statementDate": "2024-01-01", "recordId": "b", "recordType": "entity",
                   "recordStatus": "new", "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "B",
                   "jurisdiction": {"code": "CN"}}},
                  {"statementId": "s3", "statementDate": "2024-01-01", "recordId": "r", "recordType": "relationship",
                   "recordStatus": "new", "recordDetails": {"isComponent": false, "subject": "a",
                   "interestedParty": "b", "interests": [{"type": "shareholding", "directOrIndirect": "direct",
                   "share": {"minimum": 10, "exclusiveMinimum": 10}}]}}
                ]
                """);
        RegistryFileTest.Recorded sink = new RegistryFileTest.Recorded();
        List<String> notes = BodsPackageReader.read(file, null, sink);
        assertEquals(List.of(), sink.stakes);
        assertEquals(
                List.of("record `r`: its shareholding a range takes one lower bound: `min` (exclusive) or `atLeast`,"
                        + " not both; skipped"),
                notes);
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private record Read(List<PartyInfo> parties, List<RegistryFileTest.Recorded.Row> stakes, List<String> notes) {
        Map<String, StakeTerms> byPair() {
            return stakes.stream()
                    .collect(Collectors.toMap(s -> s.owned() + "<" + s.owner(), RegistryFileTest.Recorded.Row::terms));
        }
    }

    private static Read read(String example, String countryIfUnknown) throws IOException {
        RegistryFileTest.Recorded sink = new RegistryFileTest.Recorded();
        List<String> notes = BodsPackageReader.read(EXAMPLES.resolve(example), countryIfUnknown, sink);
        return new Read(sink.parties, sink.stakes, notes);
    }

    private static StakeTerms range(String min, boolean minExclusive, String max, boolean maxExclusive) {
        return new StakeTerms(
                Share.fromPercent(min),
                minExclusive,
                Share.fromPercent(max),
                maxExclusive,
                0,
                StakeTerms.ALWAYS_FROM,
                StakeTerms.ALWAYS_TO);
    }
}
