package io.clearance.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md, executed: every {@code curl} and command-line example, in order, against the packaged jar started
 * as {@link PackagedJarIT} starts it (demo registry, authentication on, {@code $CLEARANCE_KEY} the admin key).
 * Examples are read from the file, so an edit is tested. An answer must have the shape README shows (every
 * field README shows, and for a whole {@code json} answer no other) and the same decisions, outcomes, codes,
 * rules and clauses; ids, times, versions and keys are not compared. A block that cannot run here says why
 * with {@code <!-- not-run: reason -->}.
 */
@QuarkusIntegrationTest
@TestProfile(ReadmeExamplesIT.FreshServer.class)
class ReadmeExamplesIT {

    /** Where this run's server keeps its journal and keys: the README's {@code data/} in the working copy. */
    // Named by the test JVM: the same for the profile and the test, whichever class loader reads it.
    static final Path DATA =
            Path.of("target", "readme-examples-data-" + ProcessHandle.current().pid());

    /** The packaged jar as {@link PackagedJarIT} starts it, with an audit folder of its own (a fresh chain). */
    public static class FreshServer extends PackagedJarIT.DemoOnAFreshDatabase {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("clearance.audit.data-dir", DATA.resolve("audit").toString());
            return overrides;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // What an answer decides: compared exactly. Everything else is compared by shape only.
    private static final Set<String> DECIDING = Set.of("decision", "outcome", "code", "rule", "clause", "effect");
    private static final String STEP_MARK = "@@readme-step@@";

    @Test
    void everyExampleAnswersAsReadmeShows() throws Exception {
        ReadmeExamples readme = ReadmeExamples.parse(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8));
        assertTrue(readme.blocks().size() >= 3, "README.md has runnable examples");
        Path work = workingCopy();
        List<String> problems = new ArrayList<>();
        // Every step with what it printed, for whoever updates README after a change.
        StringBuilder transcript = new StringBuilder();
        int steps = 0;
        for (ReadmeExamples.Block block : readme.blocks()) {
            List<String> outputs = run(block, work);
            for (int i = 0; i < block.steps().size(); i++) {
                ReadmeExamples.Step step = block.steps().get(i);
                String output = i < outputs.size() ? outputs.get(i) : "";
                steps++;
                transcript
                        .append("---- README.md:")
                        .append(step.line())
                        .append('\n')
                        .append(step.commands());
                transcript.append("---- printed\n").append(output).append('\n');
                compare(step, output).forEach(p -> problems.add("README.md:" + step.line() + ": " + p));
            }
        }
        Files.writeString(work.resolve("transcript.txt"), transcript.toString());
        assertTrue(
                problems.isEmpty(),
                steps + " steps run (transcript: " + work.resolve("transcript.txt") + "; not run: " + readme.notRun()
                        + "); differences:\n" + String.join("\n", problems));
    }

    /**
     * A folder where the examples may create and edit files ({@code rules-candidate/}) without touching the
     * checkout: the policy folders copied, the others linked in.
     */
    private static Path workingCopy() throws IOException {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "readme-examples");
        for (String name : List.of("rules", "policies")) {
            Path from = Path.of(name).toAbsolutePath();
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Files.copy(
                            file,
                            work.resolve(name).resolve(from.relativize(file).toString()));
                }
            }
        }
        for (String name : List.of("scripts", "target", "docs", "src")) {
            Files.createSymbolicLink(work.resolve(name), Path.of(name).toAbsolutePath());
        }
        Files.createSymbolicLink(work.resolve("data"), DATA.toAbsolutePath());
        return work;
    }

    /** The block as one shell script (variables carry from step to step), its output cut per step. */
    private static List<String> run(ReadmeExamples.Block block, Path work) throws Exception {
        String server = "localhost:" + RestAssured.port;
        StringBuilder script = new StringBuilder();
        for (ReadmeExamples.Step step : block.steps()) {
            script.append(step.commands().replace("localhost:8080", server))
                    .append("\nprintf '\\n")
                    .append(STEP_MARK)
                    .append("\\n'\n");
        }
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script.toString())
                .directory(work.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = shell.environment();
        env.put("CLEARANCE_KEY", PackagedJarIT.ADMIN_KEY);
        env.put("CLEARANCE_ADMIN_KEY", PackagedJarIT.ADMIN_KEY);
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A guard against a hung example, not a measurement.
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("README.md:" + block.line() + ": the block did not finish");
        }
        return List.of(output.split("\n" + Pattern.quote(STEP_MARK) + "\n", -1));
    }

    static List<String> compare(ReadmeExamples.Step step, String output) {
        String expected = step.expected().strip();
        if (expected.isEmpty()) {
            return List.of();
        }
        JsonNode shown = json(expected);
        // A bare number or word (a status code printed by `-w '%{http_code}'`) is text, not a JSON answer.
        if (shown == null || !shown.isContainerNode()) {
            return lines(expected, output);
        }
        JsonNode answered = lastJson(output);
        if (answered == null) {
            return List.of("README shows a JSON answer; the example printed: " + abbreviate(output));
        }
        List<String> differences = new ArrayList<>();
        shape(shown, answered, "$", step.wholeAnswer(), differences);
        return differences;
    }

    /** Text README shows: each line, {@code ...} standing for anything, must be a line of the output. */
    private static List<String> lines(String expected, String output) {
        List<String> differences = new ArrayList<>();
        for (String line : expected.split("\n")) {
            String regex = "\\Q" + line.replace("...", "\\E.*\\Q") + "\\E";
            Pattern pattern = Pattern.compile(regex);
            if (output.lines().noneMatch(out -> pattern.matcher(out.strip()).matches())) {
                differences.add("README shows `" + line + "`; the example printed: " + abbreviate(output));
            }
        }
        return differences;
    }

    static void shape(JsonNode shown, JsonNode answered, String path, boolean whole, List<String> differences) {
        if (isAnything(shown) || shown.isNull()) {
            return;
        }
        if (shown.getNodeType() != answered.getNodeType()) {
            differences.add(path + ": README shows " + shown.getNodeType() + ", the server answers "
                    + answered.getNodeType() + " " + abbreviate(answered.toString()));
            return;
        }
        if (shown.isObject()) {
            for (Iterator<String> names = shown.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!answered.has(name)) {
                    differences.add(path + "." + name + ": README shows it, the server does not answer it");
                } else if (DECIDING.contains(name) && shown.get(name).isValueNode() && !isAnything(shown.get(name))) {
                    if (!shown.get(name).equals(answered.get(name))) {
                        differences.add(path + "." + name + ": README shows " + shown.get(name)
                                + ", the server answers " + answered.get(name));
                    }
                } else {
                    shape(shown.get(name), answered.get(name), path + "." + name, whole, differences);
                }
            }
            if (whole) {
                for (Iterator<String> names = answered.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!shown.has(name)) {
                        differences.add(path + "." + name + ": the server answers it, README does not show it");
                    }
                }
            }
        } else if (shown.isArray()) {
            if (whole && shown.size() != answered.size()) {
                differences.add(
                        path + ": README shows " + shown.size() + " items, the server answers " + answered.size());
            }
            for (int i = 0; i < Math.min(shown.size(), answered.size()); i++) {
                shape(shown.get(i), answered.get(i), path + "[" + i + "]", whole, differences);
            }
        }
    }

    /** README's {@code "..."}: any value. */
    private static boolean isAnything(JsonNode shown) {
        return shown.isTextual() && shown.asText().equals("...");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The last JSON value the example printed (several curls print their answers one after another). */
    private static JsonNode lastJson(String output) {
        int start = output.indexOf('{');
        if (start < 0) {
            return null;
        }
        JsonNode last = null;
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(output.substring(start))) {
            while (values.hasNext()) {
                last = values.next();
            }
        } catch (IOException | RuntimeException e) {
            // text after the JSON (a shell's message): the values read so far are the answer
        }
        return last;
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + " ..." : flat;
    }
}
