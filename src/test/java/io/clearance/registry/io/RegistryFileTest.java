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
import io.clearance.registry.RegistrySink;
import io.clearance.registry.StakeColumns;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry files carry every term of a stake: written and read back unchanged in CSV and JSON Lines, read
 * from YAML as the demo registry writes it, refused with their position when a row is wrong, files from
 * before ranges still read, and a bulk import stores the terms and applies the 100% rule over time.
 */
class RegistryFileTest {

    private static final List<PartyInfo> PARTIES = List.of(
            new PartyInfo("cn", "CN Co", PartyKind.COMPANY, "CN", null),
            new PartyInfo("sg", "SG Pte", PartyKind.COMPANY, "SG", null),
            new PartyInfo("de", "DE GmbH", PartyKind.COMPANY, "DE", null),
            new PartyInfo("mei", "Mei Chen", PartyKind.INDIVIDUAL, "US", "CN"));

    private static final List<Recorded.Row> STAKES = List.of(
            new Recorded.Row("sg", "cn", StakeTerms.exact(Share.fromPercent("60"))),
            new Recorded.Row("de", "sg", StakeTerms.between(Share.fromPercent("25"), Share.fromPercent("50"))),
            new Recorded.Row(
                    "de",
                    "cn",
                    new StakeTerms(
                                    Share.fromPercent("10.5"),
                                    false,
                                    Share.fromPercent("20"),
                                    false,
                                    0,
                                    StakeTerms.ALWAYS_FROM,
                                    StakeTerms.ALWAYS_TO)
                            .during(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"))),
            new Recorded.Row(
                    "de",
                    "mei",
                    StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION, ControlBasis.BOARD_APPOINTMENT))),
            new Recorded.Row(
                    "cn",
                    "mei",
                    StakeTerms.exact(Share.fromPercent("0.000001"))
                            .withControl(Set.of(ControlBasis.OTHER_INFLUENCE))
                            .during(Instant.parse("2020-02-29T12:30:00Z"), null)));

    @TempDir
    Path folder;

    @Test
    void everyTermSurvivesARoundTripThroughCsvAndJsonLines() throws IOException {
        for (String name : List.of("registry.csv", "registry.jsonl", "registry.ndjson")) {
            Path file = folder.resolve(name);
            try (RegistryWriter output = RegistryFile.write(file)) {
                PARTIES.forEach(output::party);
                STAKES.forEach(s -> output.stake(s.owned(), s.owner(), s.terms()));
            }
            Recorded read = new Recorded();
            assertEquals(List.of(), RegistryFile.read(file, read));
            assertEquals(PARTIES, read.parties, name);
            assertEquals(STAKES, read.stakes, name);
        }
    }

    @Test
    void theCsvColumnsAreTheHttpFieldsFlattened() throws IOException {
        Path file = folder.resolve("registry.csv");
        try (RegistryWriter output = RegistryFile.write(file)) {
            STAKES.forEach(s -> output.stake(s.owned(), s.owner(), s.terms()));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(
                "record,id,name,kind,country,nationality,owned,owner,percent,percent_min,percent_max,"
                        + "percent_at_least,percent_at_most,control,valid_from,valid_to",
                lines.get(0));
        assertEquals("stake,,,,,,de,sg,,25,50,,,,,", lines.get(2));
        assertEquals("stake,,,,,,de,cn,,,,10.5,20,,2023-01-01T00:00:00Z,2025-01-01T00:00:00Z", lines.get(3));
        assertEquals("stake,,,,,,de,mei,,,,,,consolidation;board-appointment,,", lines.get(4));
    }

    @Test
    void filesWrittenBeforeRangesStillRead() throws IOException {
        Path csv = folder.resolve("old.csv");
        Files.writeString(csv, """
                record,id,name,kind,country,nationality,owned,owner,percent
                party,cn,CN Co,COMPANY,CN,,,,
                party,sg,SG Pte,COMPANY,SG,,,,
                stake,,,,,,sg,cn,60.5
                """);
        Path jsonl = folder.resolve("old.jsonl");
        Files.writeString(jsonl, """
                {"record":"party","id":"cn","name":"CN Co","kind":"COMPANY","country":"CN"}
                {"record":"party","id":"sg","name":"SG Pte","kind":"COMPANY","country":"SG"}
                {"record":"stake","owned":"sg","owner":"cn","percent":"60.5"}
                """);
        for (Path file : List.of(csv, jsonl)) {
            Recorded read = new Recorded();
            RegistryFile.read(file, read);
            assertEquals(
                    List.of(new Recorded.Row("sg", "cn", StakeTerms.exact(Share.fromPercent("60.5")))),
                    read.stakes,
                    file.toString());
        }
    }

    @Test
    void aYamlRegistryReadsLikeTheDemoRegistry() throws IOException {
        Path file = folder.resolve("registry.yaml");
        Files.writeString(file, """
                parties:
                  - {id: cn, name: CN Co, kind: COMPANY, country: CN}
                  - {id: de, name: DE GmbH, kind: COMPANY, country: DE}
                  - {id: sg, name: SG Pte, kind: COMPANY, country: SG}
                stakes:
                  - {owner: cn, owned: de, percent: {min: 50, max: 75}}
                  - {owner: sg, owned: de, control: [consolidation], validFrom: 2024-01-01, validTo: 2025-01-01}
                  - {owner: cn, owned: sg, percent: 33.333333}
                """);
        Recorded read = new Recorded();
        RegistryFile.read(file, read);
        assertEquals(3, read.parties.size());
        assertEquals(
                List.of(
                        new Recorded.Row(
                                "de", "cn", StakeTerms.between(Share.fromPercent("50"), Share.fromPercent("75"))),
                        new Recorded.Row(
                                "de",
                                "sg",
                                StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION))
                                        .during(
                                                Instant.parse("2024-01-01T00:00:00Z"),
                                                Instant.parse("2025-01-01T00:00:00Z"))),
                        new Recorded.Row("sg", "cn", StakeTerms.exact(Share.fromPercent("33.333333")))),
                read.stakes);
    }

    @Test
    void theBundledDemoRegistryReads() throws IOException {
        Recorded read = new Recorded();
        RegistryFile.read(Path.of("src/main/resources/demo/registry.yaml"), read);
        assertTrue(read.stakes.size() >= 4, read.stakes.toString());
    }

    @Test
    void aRefusedRowIsNamedWithItsFileLineAndCode() throws IOException {
        Path csv = folder.resolve("bad.csv");
        Files.writeString(csv, """
                record,id,name,kind,country,nationality,owned,owner,percent,percent_min,percent_max
                party,cn,CN Co,COMPANY,CN,,,,,,
                stake,,,,,,sg,cn,,50,50
                """);
        IllegalArgumentException csvError =
                assertThrows(IllegalArgumentException.class, () -> RegistryFile.read(csv, new Recorded()));
        assertTrue(
                csvError.getMessage().startsWith("bad.csv: line 3: invalid-range: the range 50 < share < 50"),
                csvError.getMessage());

        Path both = folder.resolve("both.csv");
        Files.writeString(both, """
                record,id,name,kind,country,nationality,owned,owner,percent,percent_min
                stake,,,,,,sg,cn,10,5
                """);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryFile.read(both, new Recorded()))
                .getMessage()
                .contains("invalid-range: a stake row gives an exact `percent` or a range"));

        Path jsonl = folder.resolve("bad.jsonl");
        Files.writeString(jsonl, """
                {"record":"stake","owned":"sg","owner":"cn","percent":10,"control":["votes"]}
                """);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryFile.read(jsonl, new Recorded()))
                .getMessage()
                .startsWith("bad.jsonl: line 1: invalid-control: control `votes`"));

        Path misspelt = folder.resolve("misspelt.jsonl");
        Files.writeString(misspelt, """
                {"record":"stake","owned":"sg","owner":"cn","percent":10,"validfrom":"2024-01-01"}
                """);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryFile.read(misspelt, new Recorded()))
                .getMessage()
                .contains("field `validfrom` is not part of a `stake` record"));

        Path yaml = folder.resolve("bad.yaml");
        Files.writeString(yaml, """
                stakes:
                  - {owner: cn, owned: de, percent: 10, validFrom: 2024-01-01, validTo: 2023-01-01}
                """);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RegistryFile.read(yaml, new Recorded()))
                .getMessage()
                .startsWith("bad.yaml: stakes[0]: invalid-date:"));
    }

    @Test
    void yamlAndBodsFilesAreOnlyRead() {
        assertThrows(IllegalArgumentException.class, () -> RegistryFile.write(folder.resolve("registry.yaml")));
        assertThrows(IllegalArgumentException.class, () -> RegistryFile.write(folder.resolve("registry.json")));
        assertThrows(IllegalArgumentException.class, () -> RegistryFormat.of(folder.resolve("registry.txt")));
    }

    @Test
    void anImportStoresEveryTermInTheV5Columns() throws Exception {
        Path file = folder.resolve("registry.jsonl");
        try (RegistryWriter output = RegistryFile.write(file)) {
            PARTIES.forEach(output::party);
            STAKES.forEach(s -> output.stake(s.owned(), s.owner(), s.terms()));
        }
        String url = "jdbc:h2:file:" + folder.resolve("terms").toAbsolutePath();
        RegistryImport.Result result =
                RegistryImport.run(RegistryFile.source(file, RegistryFile.Options.DEFAULT), url, "sa", "");
        assertEquals(STAKES.size(), result.stakes());
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select owned_id, owner_id, " + StakeColumns.COLUMNS
                        + " from stake order by owned_id, owner_id")) {
            List<Recorded.Row> stored = new ArrayList<>();
            while (rows.next()) {
                stored.add(new Recorded.Row(
                        rows.getString(1),
                        rows.getString(2),
                        StakeColumns.read(rows, 3).terms()));
            }
            assertEquals(
                    STAKES.stream()
                            .sorted((a, b) -> (a.owned() + a.owner()).compareTo(b.owned() + b.owner()))
                            .toList(),
                    stored);
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select percent, min_percent, max_exclusive from stake where owned_id = 'de' and owner_id = 'sg'")) {
            row.next();
            assertEquals(null, row.getBigDecimal(1));
            assertEquals(new BigDecimal("25.000000"), row.getBigDecimal(2));
            assertEquals(true, row.getBoolean(3));
        }
    }

    @Test
    void anImportRefusesStakesThatPass100PercentAtTheSameTime() throws Exception {
        String header = "record,id,name,kind,country,nationality,owned,owner,percent,percent_min,percent_max,"
                + "percent_at_least,percent_at_most,control,valid_from,valid_to\n"
                + "party,a,A,COMPANY,DE,,,,,,,,,,,\n"
                + "party,b,B,COMPANY,DE,,,,,,,,,,,\n"
                + "party,c,C,COMPANY,DE,,,,,,,,,,,\n"
                + "party,d,D,COMPANY,DE,,,,,,,,,,,\n";
        // Apart in time: accepted.
        Path apart = folder.resolve("apart.csv");
        Files.writeString(
                apart,
                header
                        + "stake,,,,,,a,b,60,,,,,,2020-01-01,2022-01-01\n"
                        + "stake,,,,,,a,c,60,,,,,,2022-01-01,\n"
                        + "stake,,,,,,a,d,,25,40,,,,,\n");
        assertEquals(
                3,
                RegistryImport.run(RegistryFile.source(apart, RegistryFile.Options.DEFAULT), url("apart"), "sa", "")
                        .stakes());
        // Together from 2021: refused, and nothing stored.
        Path together = folder.resolve("together.csv");
        Files.writeString(
                together,
                header
                        + "stake,,,,,,a,b,60,,,,,,2020-01-01,2022-01-01\n"
                        + "stake,,,,,,a,c,20,,,,,,2021-01-01,\n"
                        + "stake,,,,,,a,d,,20,40,,,,,\n");
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> RegistryImport.run(
                        RegistryFile.source(together, RegistryFile.Options.DEFAULT), url("together"), "sa", ""));
        assertEquals("stakes in `a` would add up to more than 100% from 2021-01-01T00:00:00Z", refused.getMessage());
        try (Connection connection = DriverManager.getConnection(url("together"), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from stake")) {
            rows.next();
            assertEquals(0, rows.getLong(1));
        }
        // An undated band from 0 exclusive, and a dated whole: more than 100% from the date.
        Path zero = folder.resolve("zero.csv");
        Files.writeString(zero, header + "stake,,,,,,a,b,,0,10,,,,,\n" + "stake,,,,,,a,c,100,,,,,,2024-01-01,\n");
        assertEquals(
                "stakes in `a` would add up to more than 100% from 2024-01-01T00:00:00Z",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RegistryImport.run(
                                        RegistryFile.source(zero, RegistryFile.Options.DEFAULT), url("zero"), "sa", ""))
                        .getMessage());
        // Undated ranges: an exclusive minimum may not reach 100.
        Path undated = folder.resolve("undated.csv");
        Files.writeString(undated, header + "stake,,,,,,a,b,50,,,,,,,\n" + "stake,,,,,,a,c,,50,75,,,,,\n");
        assertEquals(
                "stakes in `a` would add up to more than 100%",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> RegistryImport.run(
                                        RegistryFile.source(undated, RegistryFile.Options.DEFAULT),
                                        url("undated"),
                                        "sa",
                                        ""))
                        .getMessage()
                        .replaceFirst("^undated.csv: line \\d+: ", ""));
    }

    private String url(String name) {
        return "jdbc:h2:file:" + folder.resolve(name).toAbsolutePath();
    }

    /** What a read produced, comparable with equals. */
    static final class Recorded implements RegistrySink {
        final List<PartyInfo> parties = new ArrayList<>();
        final List<Row> stakes = new ArrayList<>();

        record Row(String owned, String owner, StakeTerms terms) {}

        @Override
        public void party(PartyInfo party) {
            parties.add(party);
        }

        @Override
        public void stake(String ownedId, String ownerId, StakeTerms terms) {
            stakes.add(new Row(ownedId, ownerId, terms));
        }
    }
}
