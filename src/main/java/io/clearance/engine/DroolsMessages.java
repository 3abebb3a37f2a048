package io.clearance.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Drools' build messages into errors an author can act on: parser noise dropped, MVEL's and the
 * Java compiler's wrapping stripped, and the position sharpened to the offending token where the message
 * names one (Drools reports a consequence error at the rule's first line, and columns are often 0).
 */
final class DroolsMessages {

    private static final Pattern ERROR_PREFIX = Pattern.compile("^\\[ERR \\d+\\]\\s*Line \\d+:\\d+\\s*");
    private static final Pattern MVEL_NEAR =
            Pattern.compile("\\s*\\[Near : \\{.*?\\}\\]\\s*\\^?\\s*(\\[Line: \\d+, Column: \\d+\\])?", Pattern.DOTALL);
    private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: (.*?)\\]", Pattern.DOTALL);
    private static final Pattern EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
    private static final Pattern JAVA_METHOD = Pattern.compile("The method (\\w+)\\(");
    private static final Pattern JAVA_NAME = Pattern.compile("^(\\w+) cannot be resolved");

    private DroolsMessages() {}

    /** True for the follow-up messages Drools adds to a real error, which say nothing new. */
    static boolean isNoise(String text) {
        return text.isEmpty() || text.contains("Parser returned a null Package");
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = ERROR_PREFIX.matcher(text.strip()).replaceFirst("");
        cleaned = MVEL_NEAR.matcher(cleaned).replaceAll("");
        Matcher mvel = MVEL_ERROR.matcher(cleaned);
        if (mvel.find()) {
            cleaned = mvel.replaceFirst(Matcher.quoteReplacement(mvel.group(1)));
        }
        cleaned = cleaned.replaceFirst("^Rule Compilation error\\s*", "in the consequence: ");
        return cleaned.replaceAll("\\s+", " ").strip();
    }

    /**
     * The 1-based line and column of the token a message names, searched from {@code line} (1-based, as
     * Drools reports it) to the end of the rule; the reported line and column when no token is found.
     */
    static int[] locate(String source, String message, int line, int column) {
        String[] lines = source.split("\\R", -1);
        int start = Math.max(line, 1);
        for (String token : tokens(message)) {
            for (int i = start - 1; i < lines.length; i++) {
                if (i > start - 1 && lines[i].strip().startsWith("rule ")) {
                    break;
                }
                int at = lines[i].indexOf(token);
                if (at >= 0) {
                    return new int[] {i + 1, at + 1};
                }
            }
        }
        // Drools' columns are 0-based where it gives them.
        return new int[] {Math.max(line, 0), column + 1};
    }

    private static List<String> tokens(String message) {
        List<String> tokens = new ArrayList<>();
        for (Pattern pattern : List.of(EXPRESSION, QUOTED, JAVA_METHOD, JAVA_NAME)) {
            Matcher matcher = pattern.matcher(message);
            if (matcher.find()) {
                tokens.add(pattern == JAVA_METHOD ? matcher.group(1) + "(" : matcher.group(1));
            }
        }
        return tokens;
    }
}
