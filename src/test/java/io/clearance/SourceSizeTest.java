package io.clearance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rooms that fit: a main source file has about 400 lines at most ({@value #LIMIT} by {@code wc -l}, the
 * "≲ 400" of the standards with its tolerance), unless its header, the text before its type is declared,
 * says why it is one piece: the marker {@value #MARKER} followed by a reason of at least {@value
 * #MIN_REASON} characters. So a file may grow past the line only by a decision a reader can see.
 */
class SourceSizeTest {

    static final int LIMIT = 420;
    static final String MARKER = "Why this file is one piece:";
    static final int MIN_REASON = 80;

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(public |protected |private )?(abstract |final |sealed |non-sealed |static )*"
                    + "(class|interface|enum|record|@interface) ",
            Pattern.MULTILINE);

    @Test
    void mainSourceFilesFitOrSayWhyTheyAreOnePiece() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file);
                long lines = text.lines().count();
                if (lines > LIMIT && !statesWhyOnePiece(text)) {
                    tooLong.add(file + " (" + lines + " lines)");
                }
            }
        }
        assertEquals(
                List.of(),
                tooLong,
                "split these files, or say in their header why each is one piece (\"" + MARKER + " ...\")");
    }

    @Test
    void onlyAStatedReasonInTheHeaderCounts() {
        String reason = "x".repeat(MIN_REASON);
        assertTrue(statesWhyOnePiece("/**\n * " + MARKER + " " + reason + "\n */\npublic final class A {}\n"));
        assertTrue(statesWhyOnePiece("/*\n * " + MARKER + "\n * " + reason + "\n */\nrecord A() {}\n"));
        // no reason after the marker
        assertFalse(statesWhyOnePiece("/** " + MARKER + " */\nclass A {}\n"));
        // the marker below the declaration is no header
        assertFalse(statesWhyOnePiece("class A {\n // " + MARKER + " " + reason + "\n}\n"));
        assertFalse(statesWhyOnePiece("class A {}\n"));
    }

    /** Whether the text before the first type declaration carries the marker and a reason after it. */
    static boolean statesWhyOnePiece(String source) {
        Matcher declaration = TYPE_DECLARATION.matcher(source);
        String header = declaration.find() ? source.substring(0, declaration.start()) : source;
        int marker = header.indexOf(MARKER);
        if (marker < 0) {
            return false;
        }
        String reason = header.substring(marker + MARKER.length())
                .replaceAll("(?m)^\\s*\\*+/?|/\\*+|\\*/|//", " ")
                .replaceAll("\\s+", " ")
                .trim();
        return reason.length() >= MIN_REASON;
    }
}
