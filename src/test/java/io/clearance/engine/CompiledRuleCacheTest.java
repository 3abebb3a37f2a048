package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.authoring.ScenarioLoader;
import io.clearance.authoring.ScenarioRunner;
import io.clearance.decision.Decider;
import io.clearance.policy.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled rule-set cache reloads exactly the rule set the files make, or nothing: a changed file misses,
 * a damaged or foreign entry is ignored and the files compile as without a cache.
 */
class CompiledRuleCacheTest {

    private static final List<RuleSource> BUNDLED = RuleSource.readDirectory(Path.of("rules"));
    private static final PolicyDocument POLICY = PolicyDocument.read(Path.of("policies", "policy.md"));

    @TempDir
    Path folder;

    @Test
    void aRestartReloadsTheRuleSetAndItDecidesEveryScenarioAsTheCompiledOne() {
        RuleSet compiled = compiler(CompiledRuleCache.in(folder)).compile(BUNDLED, POLICY);
        assertEquals(1, entries().size());

        CompiledRuleCache restarted = CompiledRuleCache.in(folder);
        RuleSet reloaded = compiler(restarted).compile(BUNDLED, POLICY);

        assertEquals(1, restarted.hits());
        assertEquals(compiled.version(), reloaded.version());
        assertEquals(compiled.rules(), reloaded.rules());
        // Parameter facts come out of a session in no fixed order, and compare by identity: compared by content.
        assertEquals(
                compiled.parameters().bannedJurisdictions(),
                reloaded.parameters().bannedJurisdictions());
        assertEquals(
                Set.copyOf(compiled.parameters().restrictedActions()),
                Set.copyOf(reloaded.parameters().restrictedActions()));
        assertEquals(
                compiled.parameters().ownershipTests().stream()
                        .map(t -> t.getId() + " " + t.getThreshold())
                        .collect(Collectors.toSet()),
                reloaded.parameters().ownershipTests().stream()
                        .map(t -> t.getId() + " " + t.getThreshold())
                        .collect(Collectors.toSet()));
        ScenarioRunner.Report fromCache = scenarios(reloaded);
        assertEquals(0, fromCache.failed(), "every bundled scenario passes under the reloaded rule set");
        assertTrue(fromCache.uncoveredRules().isEmpty());
        assertEquals(outcomes(scenarios(compiled)), outcomes(fromCache));
    }

    @Test
    void aChangedRuleFileMissesAndCompiles() {
        compiler(CompiledRuleCache.in(folder)).compile(BUNDLED, POLICY);
        List<RuleSource> edited = new ArrayList<>(BUNDLED);
        RuleSource first = edited.get(0);
        edited.set(0, new RuleSource(first.name(), first.content() + "\n// edited\n"));

        CompiledRuleCache restarted = CompiledRuleCache.in(folder);
        compiler(restarted).compile(edited, POLICY);

        assertEquals(0, restarted.hits());
        assertEquals(2, entries().size());
    }

    @Test
    void aCorruptEntryIsIgnoredDeletedAndCompiledAgain() throws IOException {
        compiler(CompiledRuleCache.in(folder)).compile(BUNDLED, POLICY);
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(entry, bytes);

        CompiledRuleCache restarted = CompiledRuleCache.in(folder);
        RuleSet rules = compiler(restarted).compile(BUNDLED, POLICY);

        assertEquals(0, restarted.hits());
        assertEquals(0, scenarios(rules).failed());
        // Compiled again, the entry is whole again and the next start reloads it.
        CompiledRuleCache again = CompiledRuleCache.in(folder);
        compiler(again).compile(BUNDLED, POLICY);
        assertEquals(1, again.hits());
    }

    @Test
    void aTruncatedEntryIsIgnored() throws IOException {
        compiler(CompiledRuleCache.in(folder)).compile(BUNDLED, POLICY);
        Path entry = entries().get(0);
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, Arrays.copyOf(bytes, bytes.length - 100));

        CompiledRuleCache restarted = CompiledRuleCache.in(folder);
        compiler(restarted).compile(BUNDLED, POLICY);

        assertEquals(0, restarted.hits());
    }

    @Test
    void anIntactEntryOfOtherRulesNeverServesForTheseFiles() throws IOException {
        // Without the default rule: a rule set other than the bundled one, with its own intact entry.
        List<RuleSource> fewer =
                BUNDLED.stream().filter(s -> !s.name().equals("default.drl")).toList();
        compiler(CompiledRuleCache.in(folder)).compile(fewer, POLICY);
        Path other = entries().get(0);
        Files.move(other, folder.resolve(CompiledRuleCache.key(BUNDLED, POLICY) + ".kbase"));

        CompiledRuleCache restarted = CompiledRuleCache.in(folder);
        RuleSet rules = compiler(restarted).compile(BUNDLED, POLICY);

        assertEquals(0, restarted.hits());
        assertEquals(
                BUNDLED.stream()
                        .mapToLong(s -> RuleHeaders.read(List.of(s)).size())
                        .sum(),
                rules.rules().size());
    }

    @Test
    void aRefusedRuleSetIsNeverKept() {
        List<RuleSource> broken = List.of(new RuleSource("broken.drl", "package rules;\nrule \"x\" when then oops"));

        assertThrows(
                RuleSetRejectedException.class,
                () -> compiler(CompiledRuleCache.in(folder)).compile(broken, POLICY));

        assertFalse(Files.exists(folder) && !entries().isEmpty());
    }

    @Test
    void noCacheKeepsNothing() {
        RuleSet rules = compiler(CompiledRuleCache.NONE).compile(BUNDLED, POLICY);

        assertEquals(0, scenarios(rules).failed());
        assertEquals(0, CompiledRuleCache.NONE.hits());
    }

    @Test
    void aJarsFingerprintFollowsTheBytesOfEveryClassNotTheFileDates() throws IOException {
        Path built = jar("a.jar", "io/x/A.class", new byte[] {1, 2, 3});
        Path same = jar("b.jar", "io/x/A.class", new byte[] {1, 2, 3});
        Path changed = jar("c.jar", "io/x/A.class", new byte[] {1, 2, 4});
        Path renamed = jar("d.jar", "io/x/B.class", new byte[] {1, 2, 3});

        String fingerprint = CompiledRuleCache.BuildFingerprint.of(built);
        assertEquals(fingerprint, CompiledRuleCache.BuildFingerprint.of(same));
        assertFalse(fingerprint.equals(CompiledRuleCache.BuildFingerprint.of(changed)));
        assertFalse(fingerprint.equals(CompiledRuleCache.BuildFingerprint.of(renamed)));
    }

    private Path jar(String name, String entry, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry zipEntry = new ZipEntry(entry);
            // A different time in each jar: the fingerprint must not depend on it.
            zipEntry.setTime(name.hashCode() * 1000L);
            out.putNextEntry(zipEntry);
            out.write(content);
            out.closeEntry();
        }
        return file;
    }

    private static RuleSetCompiler compiler(CompiledRuleCache cache) {
        return new RuleSetCompiler(EvaluationLimits.DEFAULT, EvaluationObserver.NONE, cache);
    }

    private static ScenarioRunner.Report scenarios(RuleSet rules) {
        return new ScenarioRunner(new Decider()).run(rules, new ScenarioLoader().load(Path.of("policies", "tests")));
    }

    private static List<String> outcomes(ScenarioRunner.Report report) {
        return report.results().stream()
                .map(r -> r.file() + " › " + r.caseName() + ": " + r.passed() + " " + r.differences())
                .toList();
    }

    private List<Path> entries() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".kbase")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
