package io.clearance.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's error table is generated from {@link ErrorCode}: this test fails when the two differ, so that
 * the table lists exactly the codes the server answers, with their statuses. Run it with
 * {@code -Derror-table.update=true} to rewrite the table after changing the enum.
 */
class ErrorCodeReadmeTest {

    static final Path README = Path.of("README.md");
    static final String BEGIN = "<!-- error-codes: generated from ErrorCode by ErrorCodeReadmeTest -->";
    static final String END = "<!-- /error-codes -->";

    /** The table as the enum says it: one row per code and status, in the enum's order. */
    static String table() {
        return "| code | status | title | when |\n|---|---|---|---|\n"
                + Arrays.stream(ErrorCode.values())
                        .map(c ->
                                "| `" + c.code() + "` | " + c.status() + " | " + c.title() + " | " + c.when() + " |\n")
                        .collect(Collectors.joining());
    }

    @Test
    void readmeListsExactlyTheEnumsCodes() throws IOException {
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README has no generated error table between " + BEGIN + " and " + END);
        String shown = readme.substring(begin + BEGIN.length() + 1, end);
        if (Boolean.getBoolean("error-table.update")) {
            Files.writeString(
                    README, readme.substring(0, begin + BEGIN.length() + 1) + table() + readme.substring(end));
            return;
        }
        assertEquals(table(), shown, "README's error table is stale: run this test with -Derror-table.update=true");
    }

    @Test
    void aCodeAndStatusNameOneConstant() {
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(seen.add(code.code() + " " + code.status()), "twice: " + code);
            assertTrue(code.code().matches("[a-z0-9]+(-[a-z0-9]+)*"), "not a kebab-case code: " + code.code());
            assertTrue(code.status() >= 400 && code.status() < 600, "not an error status: " + code);
        }
    }
}
