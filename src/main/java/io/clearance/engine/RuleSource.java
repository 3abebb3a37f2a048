package io.clearance.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One rule file as read from disk or received from an author, by its name relative to the rules folder.
 * Files are read whole into memory before anything compiles, so a half-saved file is never compiled.
 *
 * <p>A rule set is all of its files or nothing: {@link #readDirectory} refuses the whole folder when any
 * entry cannot be read as a rule file, rather than serve the rules that happened to be readable.
 */
public record RuleSource(String name, String content) {

    /** What an author may call a rule file: folders and names of letters, digits, {@code . _ -}, ending {@code .drl}. */
    private static final Pattern NAME =
            Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.drl");

    /**
     * Every {@code *.drl} file below {@code directory}, sorted by name so that versions are reproducible.
     * Besides rule files and sub-folders, the folder may hold documentation ({@code README}, {@code *.md},
     * {@code *.txt}), which is not read, and hidden entries (names starting with {@code .}: editors' swap
     * files, version control), which are skipped with everything below them. Anything else refuses the
     * load: a dangling symbolic link, a folder named {@code *.drl}, a file that cannot be read or is not
     * UTF-8, a file of another kind (a {@code .dmn}, a backup {@code ownership.drl.bak}), a device or a pipe.
     *
     * @throws RuleSetRejectedException naming every refused entry by its path in the folder
     * @throws UncheckedIOException when the folder itself cannot be read
     */
    public static List<RuleSource> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new UncheckedIOException(new IOException("rules folder `" + directory + "` does not exist"));
        }
        List<RuleSource> sources = new ArrayList<>();
        List<CompileError> refused = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path entry : entries.filter(e -> !e.equals(directory)).toList()) {
                String name = directory.relativize(entry).toString().replace('\\', '/');
                if (hidden(directory.relativize(entry))) {
                    continue;
                }
                read(entry, name)
                        .ifPresentOrElse(
                                sources::add, () -> refusal(entry, name).ifPresent(refused::add));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            // Files.walk reports a folder it cannot list this way.
            refused.add(new CompileError(
                    "(rules)",
                    0,
                    0,
                    "a folder in the rules cannot be listed: "
                            + e.getCause().getClass().getSimpleName()));
        }
        if (!refused.isEmpty()) {
            refused.sort(CompileError.BY_POSITION);
            throw new RuleSetRejectedException(refused);
        }
        sources.sort(Comparator.comparing(RuleSource::name));
        return List.copyOf(sources);
    }

    /** Why a candidate's file name is refused; empty when it is a rule file name. */
    public static Optional<String> checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.of("`" + (name == null ? "" : name.length() > 200 ? name.substring(0, 200) + "…" : name)
                    + "` is not a rule file name: rule files are named `*.drl`, with letters, digits, `.`, `_`, `-`"
                    + " and `/` between folders");
        }
        return Optional.empty();
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The rule file at {@code entry}; empty when it is not one (see {@link #refusal}). */
    private static Optional<RuleSource> read(Path entry, String name) {
        if (!name.endsWith(".drl") || !Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(entry);
            String content = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(new RuleSource(name, content));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why an entry that is not a readable rule file refuses the load; empty for what may sit beside rules. */
    private static Optional<CompileError> refusal(Path entry, String name) {
        boolean drl = name.endsWith(".drl");
        String problem;
        if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
            problem = "is a symbolic link to nothing";
        } else if (Files.isDirectory(entry)) {
            if (!drl) {
                return Optional.empty(); // a sub-folder: its files are walked
            }
            problem = "is a folder, not a rule file";
        } else if (!Files.isRegularFile(entry)) {
            problem = "is not a regular file";
        } else if (!drl) {
            String file = entry.getFileName().toString();
            if (file.equals("README") || file.endsWith(".md") || file.endsWith(".txt")) {
                return Optional.empty();
            }
            problem = "is not a rule file (`*.drl`); only rule files, sub-folders and documentation (`README`,"
                    + " `*.md`, `*.txt`) may be in the rules folder";
        } else if (!Files.isReadable(entry)) {
            problem = "cannot be read";
        } else {
            problem = unreadable(entry);
        }
        return Optional.of(
                new CompileError(name, 0, 0, "`" + name + "` " + problem + "; the rule set is refused whole"));
    }

    private static String unreadable(Path entry) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(entry)));
            return "could not be read";
        } catch (CharacterCodingException e) {
            return "is not UTF-8 text";
        } catch (IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }
}
