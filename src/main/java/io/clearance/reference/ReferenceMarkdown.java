package io.clearance.reference;

/** The fact reference as Markdown, for an author's editor or a pull request. */
public final class ReferenceMarkdown {

    private ReferenceMarkdown() {}

    public static String render(FactReference.Reference reference) {
        StringBuilder md = new StringBuilder("# Fact model for DRL authors\n\n")
                .append(reference.usage())
                .append(
                        "\n\nGenerated from the fact classes and the descriptions kept beside them; served at `GET /v1/policy/reference`.\n");
        for (FactReference.Fact fact : reference.facts()) {
            md.append("\n## `")
                    .append(fact.name())
                    .append("` (")
                    .append(fact.role())
                    .append(")\n\n");
            md.append(fact.description()).append('\n');
            if (!fact.properties().isEmpty()) {
                md.append("\n| property | type | meaning |\n|---|---|---|\n");
                for (FactReference.Member p : fact.properties()) {
                    String type = p.signatures().get(0).replaceFirst("^property [^:]+: ", "");
                    md.append("| `")
                            .append(p.name())
                            .append("` | `")
                            .append(type)
                            .append("` | ")
                            .append(cell(p.description()))
                            .append(" |\n");
                }
            }
            if (!fact.methods().isEmpty()) {
                md.append("\n| method | signature | meaning |\n|---|---|---|\n");
                for (FactReference.Member m : fact.methods()) {
                    md.append("| `")
                            .append(m.name())
                            .append("` | `")
                            .append(String.join("`<br>`", m.signatures()))
                            .append("` | ")
                            .append(cell(m.description()))
                            .append(" |\n");
                }
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
