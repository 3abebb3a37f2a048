package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.ownership.Share;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic registry is a fixture for benchmarks and scale tests, so it must be reproducible and
 * valid: the same seed gives the same registry, stakes into a party never pass 100%, no pair repeats, and
 * it survives a round trip through both file formats and a bulk import.
 */
class SyntheticRegistryTest {

    @TempDir
    Path folder;

    @Test
    void sameSeedGivesTheSameRegistryAndAnotherSeedAnotherOne() {
        assertEquals(generate(7, 5_000, 15_000), generate(7, 5_000, 15_000));
        assertNotEquals(generate(7, 5_000, 15_000), generate(8, 5_000, 15_000));
    }

    @Test
    void stakesIntoAPartyNeverPassOneHundredPercentAndNoPairRepeats() {
        Recorded registry = generate(3, 20_000, 60_000);
        Map<String, Long> held = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        for (String[] stake : registry.stakes) {
            long share = Long.parseLong(stake[2]);
            assertTrue(share > 0, "a stake of zero");
            held.merge(stake[0], share, Long::sum);
            assertTrue(pairs.add(stake[0] + "<" + stake[1]), "repeated stake " + stake[1] + " in " + stake[0]);
            assertTrue(!stake[0].equals(stake[1]), "self-ownership of " + stake[0]);
        }
        held.forEach((owned, sum) -> assertTrue(sum <= Share.HUNDRED_PERCENT, owned + " is held " + sum));
        assertEquals(20_000, registry.parties.size());
        assertTrue(registry.stakes.size() > 55_000, "only " + registry.stakes.size() + " stakes of 60,000");
        assertTrue(
                registry.parties.stream().anyMatch(p -> p.country().equals("CN")), "no seed in a banned jurisdiction");
    }

    @Test
    void csvAndJsonlFilesReadBackAsWritten() throws IOException {
        Recorded generated = generate(5, 2_000, 6_000);
        for (String name : List.of("registry.csv", "registry.jsonl")) {
            Path file = folder.resolve(name);
            try (RegistryFile.Output output = RegistryFile.write(file)) {
                new SyntheticRegistry(5, 0.03).generate(2_000, 6_000, output);
            }
            Recorded read = new Recorded();
            RegistryFile.read(file, read);
            assertEquals(generated, read, name);
        }
    }

    @Test
    void importLoadsAFileIntoAnEmptyRegistry() throws Exception {
        Path file = folder.resolve("registry.csv");
        try (RegistryFile.Output output = RegistryFile.write(file)) {
            new SyntheticRegistry(9, 0.03).generate(1_000, 3_000, output);
        }
        // A file database, as the server uses: an in-memory H2 kept open keeps check constraints bound to
        // the migration's closed session and refuses every insert.
        String url = "jdbc:h2:file:" + folder.resolve("registry").toAbsolutePath();
        RegistryImport.Result result = RegistryImport.run(file, url, "sa", "");
        Recorded generated = generate(9, 1_000, 3_000);
        assertEquals(1_000, result.parties());
        assertEquals(generated.stakes.size(), result.stakes());
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertEquals(1_000, count(connection, "select count(*) from party"));
            assertEquals(generated.stakes.size(), count(connection, "select count(*) from stake"));
        }
        // A second import into the same registry is refused rather than mixed in.
        try {
            RegistryImport.run(file, url, "sa", "");
            throw new AssertionError("a second import was accepted");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("already holds 1000 parties"), expected.getMessage());
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Recorded generate(long seed, int parties, int stakes) {
        Recorded recorded = new Recorded();
        new SyntheticRegistry(seed, 0.03).generate(parties, stakes, recorded);
        return recorded;
    }

    /** Everything a generation produced, comparable with equals. */
    private static final class Recorded implements SyntheticRegistry.Sink {
        final List<PartyInfo> parties = new ArrayList<>();
        final List<String[]> stakes = new ArrayList<>();

        @Override
        public void party(PartyInfo party) {
            parties.add(party);
        }

        @Override
        public void stake(String ownedId, String ownerId, long share) {
            stakes.add(new String[] {ownedId, ownerId, Long.toString(share)});
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Recorded that)
                    || !parties.equals(that.parties)
                    || stakes.size() != that.stakes.size()) {
                return false;
            }
            for (int i = 0; i < stakes.size(); i++) {
                if (!List.of(stakes.get(i)).equals(List.of(that.stakes.get(i)))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return parties.hashCode();
        }
    }
}
