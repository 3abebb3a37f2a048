package io.clearance.registry.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.PartyInfo;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistryImport;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.ShareLimit;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic registry is a fixture for benchmarks and scale tests, so it must be reproducible and
 * valid: the same seed gives the same registry, stakes into a party never pass 100% (their minimums, at
 * any instant), no pair repeats, its mix of bands, consolidation and dates is about what was asked, and it
 * survives a round trip through both file formats and a bulk import.
 */
class SyntheticRegistryTest {

    private static final long PERCENT = Share.HUNDRED_PERCENT / 100;

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
        Map<String, List<StakeTerms>> held = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        for (Recorded.Row stake : registry.stakes) {
            assertTrue(stake.terms().max() > 0 || stake.terms().hasControl(), "a stake of zero");
            held.computeIfAbsent(stake.owned(), o -> new ArrayList<>()).add(stake.terms());
            assertTrue(
                    pairs.add(stake.owned() + "<" + stake.owner()),
                    "repeated stake " + stake.owner() + " in " + stake.owned());
            assertTrue(!stake.owned().equals(stake.owner()), "self-ownership of " + stake.owned());
        }
        held.forEach((owned, stakes) ->
                assertEquals(Optional.empty(), ShareLimit.firstExcess(stakes), owned + " is held " + stakes));
        assertEquals(20_000, registry.parties.size());
        assertTrue(registry.stakes.size() > 55_000, "only " + registry.stakes.size() + " stakes of 60,000");
        assertTrue(
                registry.parties.stream().anyMatch(p -> p.country().equals("CN")), "no seed in a banned jurisdiction");
    }

    @Test
    void aboutTheAskedShareOfStakesAreBandsConsolidationOrDated() {
        Recorded registry = generate(11, 50_000, 150_000);
        int stakes = registry.stakes.size();
        long bands = registry.stakes.stream().filter(s -> !s.terms().isExact()).count();
        long controlOnly = registry.stakes.stream()
                .filter(s -> s.terms().max() == 0 && s.terms().control().equals(Set.of(ControlBasis.CONSOLIDATION)))
                .count();
        long dated = registry.stakes.stream().filter(s -> s.terms().isDated()).count();
        long ending = registry.stakes.stream()
                .filter(s -> s.terms().validTo() != StakeTerms.ALWAYS_TO)
                .count();
        assertBetween(0.02, 0.04, bands, stakes, "bands");
        assertBetween(0.006, 0.014, controlOnly, stakes, "consolidation only");
        assertBetween(0.015, 0.025, dated, stakes, "dated");
        assertTrue(ending > dated / 3 && ending < dated * 2 / 3, ending + " of " + dated + " dated stakes end");
        for (Recorded.Row stake : registry.stakes) {
            StakeTerms terms = stake.terms();
            if (!terms.isExact()) {
                assertTrue(terms.minExclusive() && terms.maxExclusive(), "a band is exclusive: " + terms);
                assertTrue(List.of(0L, 10L, 25L, 50L, 75L).contains(terms.min() / PERCENT), "a band edge: " + terms);
            }
            if (terms.isDated()) {
                assertTrue(
                        terms.validFrom()
                                        >= Instant.parse("2021-01-01T00:00:00Z").getEpochSecond()
                                && terms.validFrom()
                                        < Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                        "starts in 2021–2025: " + terms);
            }
        }
    }

    @Test
    void anExactOnlyMixGivesExactUndatedSharesOnly() {
        Recorded registry = new Recorded();
        new SyntheticRegistry(3, 0.03, SyntheticRegistry.Mix.EXACT_ONLY).generate(5_000, 15_000, registry);
        assertTrue(registry.stakes.stream()
                .allMatch(s -> s.terms().isExact()
                        && !s.terms().isDated()
                        && !s.terms().hasControl()));
    }

    @Test
    void csvAndJsonlFilesReadBackAsWritten() throws IOException {
        Recorded generated = generate(5, 2_000, 6_000);
        for (String name : List.of("registry.csv", "registry.jsonl")) {
            Path file = folder.resolve(name);
            try (RegistryWriter output = RegistryFile.write(file)) {
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
        try (RegistryWriter output = RegistryFile.write(file)) {
            new SyntheticRegistry(9, 0.03).generate(1_000, 3_000, output);
        }
        // A file database, as the server uses: an in-memory H2 kept open keeps check constraints bound to
        // the migration's closed session and refuses every insert.
        String url = "jdbc:h2:file:" + folder.resolve("registry").toAbsolutePath();
        RegistryImport.Result result =
                RegistryImport.run(RegistryFile.source(file, RegistryFile.Options.DEFAULT), url, "sa", "");
        Recorded generated = generate(9, 1_000, 3_000);
        assertEquals(1_000, result.parties());
        assertEquals(generated.stakes.size(), result.stakes());
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            assertEquals(1_000, count(connection, "select count(*) from party"));
            assertEquals(generated.stakes.size(), count(connection, "select count(*) from stake"));
        }
        // A second import into the same registry is refused rather than mixed in.
        try {
            RegistryImport.run(RegistryFile.source(file, RegistryFile.Options.DEFAULT), url, "sa", "");
            throw new AssertionError("a second import was accepted");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("already holds 1000 parties"), expected.getMessage());
        }
    }

    private static void assertBetween(double low, double high, long count, int total, String what) {
        double fraction = count / (double) total;
        assertTrue(fraction >= low && fraction <= high, what + ": " + count + " of " + total + " = " + fraction);
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
    private static final class Recorded implements RegistrySink {
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

        @Override
        public boolean equals(Object other) {
            return other instanceof Recorded that && parties.equals(that.parties) && stakes.equals(that.stakes);
        }

        @Override
        public int hashCode() {
            return parties.hashCode();
        }
    }
}
