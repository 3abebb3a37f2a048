package io.clearance.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each rule's name, position and {@code @key("value")} metadata straight from the DRL text, so that
 * metadata problems are reported together with compile errors even when the file does not compile.
 */
final class RuleHeaders {

    private static final Pattern RULE =
            Pattern.compile("(?m)^[ \\t]*rule\\s+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+))");
    private static final Pattern HEADER_END = Pattern.compile("(?m)^[ \\t]*(when|then)\\b");
    private static final Pattern METADATA = Pattern.compile("@(\\w+)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    private RuleHeaders() {}

    /** A rule as written: where it starts and what metadata its header declares. */
    record Header(String name, String file, int line, Map<String, String> metadata) {

        String clause() {
            return blankToNull(metadata.get("clause"));
        }

        String description() {
            return blankToNull(metadata.get("description"));
        }

        CompileError error(String message) {
            return new CompileError(file, line, 1, message);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    static List<Header> read(List<RuleSource> sources) {
        List<Header> headers = new ArrayList<>();
        for (RuleSource source : sources) {
            String text = source.content();
            Matcher rule = RULE.matcher(text);
            while (rule.find()) {
                String name = rule.group(1) != null
                        ? rule.group(1).replace("\\\"", "\"")
                        : rule.group(2) != null ? rule.group(2) : rule.group(3);
                int line = 1
                        + (int) text.substring(0, rule.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count();
                Matcher end = HEADER_END.matcher(text);
                int headerEnd = end.find(rule.end()) ? end.start() : text.length();
                Map<String, String> metadata = new LinkedHashMap<>();
                Matcher entry = METADATA.matcher(text.substring(rule.end(), headerEnd));
                while (entry.find()) {
                    metadata.putIfAbsent(entry.group(1), entry.group(2).replace("\\\"", "\""));
                }
                headers.add(new Header(name, source.name(), line, metadata));
            }
        }
        return headers;
    }
}
