package io.clearance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule set is all of its files or nothing: an entry that is not a readable rule file refuses the folder. */
class RuleSourceTest {

    @TempDir
    Path rules;

    @BeforeEach
    void bundledRules() throws IOException {
        for (String name : List.of("default.drl", "ownership.drl")) {
            Files.copy(Path.of("rules").resolve(name), rules.resolve(name));
        }
    }

    @Test
    void rulesDocumentationAndHiddenEntriesAreRead() throws IOException {
        Files.writeString(rules.resolve("README.md"), "# Rules\n");
        Files.writeString(rules.resolve(".ownership.drl.swp"), "editor state");
        Files.createDirectories(rules.resolve("more"));
        Files.copy(Path.of("rules/exemptions.drl"), rules.resolve("more/exemptions.drl"));

        assertEquals(
                List.of("default.drl", "more/exemptions.drl", "ownership.drl"),
                RuleSource.readDirectory(rules).stream().map(RuleSource::name).toList());
    }

    @Test
    void aDanglingSymbolicLinkRefusesTheFolder() throws IOException {
        Files.delete(rules.resolve("ownership.drl"));
        Files.createSymbolicLink(rules.resolve("ownership.drl"), rules.resolve("gone.drl"));

        assertRefused(
                "ownership.drl:0:0: `ownership.drl` is a symbolic link to nothing; the rule set is refused whole");
    }

    @Test
    void aFolderNamedLikeARuleFileRefusesTheFolder() throws IOException {
        Files.delete(rules.resolve("ownership.drl"));
        Files.createDirectory(rules.resolve("ownership.drl"));

        assertRefused("ownership.drl:0:0: `ownership.drl` is a folder, not a rule file; the rule set is refused whole");
    }

    @Test
    void aFileOfAnotherKindRefusesTheFolder() throws IOException {
        Files.writeString(rules.resolve("a.dmn"), "<definitions/>");

        assertRefused(
                "a.dmn:0:0: `a.dmn` is not a rule file (`*.drl`); only rule files, sub-folders and"
                        + " documentation (`README`, `*.md`, `*.txt`) may be in the rules folder; the rule set is refused whole");
    }

    @Test
    void aFileThatIsNotUtf8RefusesTheFolder() throws IOException {
        Files.write(rules.resolve("latin1.drl"), new byte[] {'r', 'u', 'l', 'e', (byte) 0xE9});

        assertRefused("latin1.drl:0:0: `latin1.drl` is not UTF-8 text; the rule set is refused whole");
    }

    @Test
    void anUnreadableFileRefusesTheFolder() throws IOException {
        Path file = rules.resolve("ownership.drl");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            // Root reads a file whatever its mode: then there is nothing unreadable to test.
            assumeFalse(Files.isReadable(file), "this user can read a file of mode 000 (root)");
            assertRefused("ownership.drl:0:0: `ownership.drl` cannot be read; the rule set is refused whole");
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void candidateNamesMustBeRuleFileNames() {
        assertEquals(
                List.of(),
                List.of("a.drl", "dir/b-1.drl", "c_d.e.drl").stream()
                        .flatMap(n -> RuleSource.checkName(n).stream())
                        .toList());
        for (String bad :
                List.of("a.dmn", "a.drl.bak", "../a.drl", "/etc/a.drl", "a/../b.drl", ".drl", "", "a\u0000.drl")) {
            assertEquals(true, RuleSource.checkName(bad).isPresent(), bad);
        }
    }

    private void assertRefused(String expected) {
        RuleSetRejectedException refused =
                assertThrows(RuleSetRejectedException.class, () -> RuleSource.readDirectory(rules));
        assertEquals(
                List.of(expected),
                refused.errors().stream().map(CompileError::toString).toList());
    }
}
