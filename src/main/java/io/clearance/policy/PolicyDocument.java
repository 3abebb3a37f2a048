package io.clearance.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The written policy the rules implement, kept as markdown in {@code policies/}. A clause is a heading
 * that starts with its number, e.g. {@code ### 3.1 Restricted by extension}; its text runs to the next
 * heading. Rules cite clauses by number in their {@code @clause} metadata.
 */
public final class PolicyDocument {

    private static final Pattern CLAUSE_HEADING =
            Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern ANY_HEADING = Pattern.compile("^#{1,6}\\s");

    private final String name;
    private final String content;
    private final Map<String, Clause> clauses;

    private PolicyDocument(String name, String content, Map<String, Clause> clauses) {
        this.name = name;
        this.content = content;
        this.clauses = clauses;
    }

    public static PolicyDocument read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the written policy `" + file + "`", e);
        }
    }

    public static PolicyDocument parse(String name, String content) {
        Map<String, Clause> clauses = new LinkedHashMap<>();
        String id = null;
        String title = null;
        StringBuilder text = new StringBuilder();
        for (String line : content.split("\\R", -1)) {
            Matcher heading = CLAUSE_HEADING.matcher(line);
            if (heading.matches() || ANY_HEADING.matcher(line).find()) {
                if (id != null) {
                    clauses.put(id, new Clause(id, title, text.toString().strip()));
                }
                id = heading.matches() ? heading.group(1) : null;
                title = heading.matches() ? heading.group(2) : null;
                text.setLength(0);
            } else if (id != null) {
                text.append(line).append('\n');
            }
        }
        if (id != null) {
            clauses.put(id, new Clause(id, title, text.toString().strip()));
        }
        return new PolicyDocument(name, content, Map.copyOf(clauses));
    }

    public String name() {
        return name;
    }

    /** The document as written; part of the policy version. */
    public String content() {
        return content;
    }

    public Optional<Clause> clause(String id) {
        return Optional.ofNullable(clauses.get(id));
    }

    public Map<String, Clause> clauses() {
        return clauses;
    }
}
