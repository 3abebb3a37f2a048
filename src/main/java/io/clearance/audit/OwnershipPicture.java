package io.clearance.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.ownership.evidence.ExtensionEvidence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws the ownership behind a finding as inline SVG, from the evidence alone: the party at the bottom,
 * its restricted owners above it up to the banned-jurisdiction seeds at the top, each stake on its edge,
 * restricted parties marked, the paths that make up the finding in red, and the aggregate against the
 * threshold underneath. Server-side, so the page loads nothing from elsewhere.
 */
public final class OwnershipPicture {

    private static final int BOX_W = 230;
    private static final int BOX_H = 56;
    private static final int GAP_X = 40;
    private static final int GAP_Y = 80;
    private static final int MARGIN = 20;
    private static final int CAPTION_H = 70;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final Set<String> onPaths = new HashSet<>();
    private final JsonNode finding;

    private OwnershipPicture(JsonNode finding) {
        this.finding = finding;
    }

    /**
     * The restriction-by-extension findings inside a reason's evidence, wherever the rule put them. The
     * evidence is read back from the log as JSON (the record may be older than this version's records).
     */
    public static List<JsonNode> findings(JsonNode evidence) {
        List<JsonNode> found = new ArrayList<>();
        // Iterative, depth first in document order: evidence may nest as deep as a rule made it.
        ArrayDeque<JsonNode> stack = new ArrayDeque<>();
        if (evidence != null) {
            stack.push(evidence);
        }
        while (!stack.isEmpty()) {
            JsonNode node = stack.pop();
            if (isExtensionFinding(node)) {
                found.add(node);
            } else if (node.isObject() || node.isArray()) {
                List<JsonNode> children = new ArrayList<>();
                node.forEach(children::add);
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(children.get(i));
                }
            }
        }
        return found;
    }

    /**
     * A finding says its semantics ({@link ExtensionEvidence#SEMANTICS}); the proof of an upper bound under
     * {@code bounds} does not (it is drawn with its finding), and look-through has no proof tree to draw.
     * Records logged before findings named their semantics are known by their shape: a proof and a threshold.
     */
    static boolean isExtensionFinding(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        JsonNode semantics = node.get("semantics");
        return semantics == null
                ? node.has("restrictedOwners") && node.has("threshold")
                : ExtensionEvidence.SEMANTICS.equals(semantics.asText());
    }

    /** SVG markup for one finding. */
    public static String svg(JsonNode finding) {
        OwnershipPicture picture = new OwnershipPicture(finding);
        picture.layout();
        return picture.render();
    }

    private void layout() {
        JsonNode subject = finding.path("party");
        Node root = node(subject, "subject", 0);
        root.restrictedShare = finding.path("restrictedShare").asText();
        walk(root, finding.path("restrictedOwners"));
        int pathNumber = 0;
        for (JsonNode path : finding.path("paths")) {
            JsonNode parties = path.path("parties");
            // Where the evidence cut a long chain: a box between the two ends shown says how much is left out.
            int gapAfter = path.has("leftOutAfter") ? path.path("leftOutAfter").asInt() : -1;
            // A path runs from a seed down to the party: hop i holds percent in hop i+1... written on the later hop.
            for (int i = parties.size() - 1; i > 0; i--) {
                JsonNode owned = parties.get(i);
                JsonNode owner = parties.get(i - 1);
                Node ownedNode = nodes.get(owned.path("partyId").asText());
                int depth = ownedNode == null ? parties.size() - 1 - i : ownedNode.depth;
                String ownedId = owned.path("partyId").asText();
                if (i == gapAfter) {
                    Node gap = gap(pathNumber, path.path("hopsLeftOut").asLong(), depth + 1);
                    edge(gap.id, ownedId, owned.path("percent").asText());
                    onPaths.add(gap.id + ">" + ownedId);
                    ownedId = gap.id;
                    depth = gap.depth;
                    owned = null;
                }
                Node ownerNode = node(owner, i - 1 == 0 ? "seed" : "extension", depth + 1);
                // Across a gap the stake the owner holds is into a party left out: no figure to write.
                edge(
                        ownerNode.id,
                        ownedId,
                        owned == null ? null : owned.path("percent").asText());
                onPaths.add(ownerNode.id + ">" + ownedId);
            }
            pathNumber++;
        }
    }

    /** The restricted owners below {@code root}, depth first in document order, without recursion. */
    private void walk(Node root, JsonNode rootOwners) {
        ArrayDeque<Map.Entry<Node, Iterator<JsonNode>>> stack = new ArrayDeque<>();
        stack.push(Map.entry(root, rootOwners.iterator()));
        while (!stack.isEmpty()) {
            Map.Entry<Node, Iterator<JsonNode>> top = stack.peek();
            if (!top.getValue().hasNext()) {
                stack.pop();
                continue;
            }
            Node owned = top.getKey();
            JsonNode owner = top.getValue().next();
            Node node = node(owner, owner.path("restrictedAs").asText("extension"), owned.depth + 1);
            if (owner.has("restrictedShare")) {
                node.restrictedShare = owner.path("restrictedShare").asText();
            }
            if (owner.has("ownersLeftOut")) {
                node.leftOut = owner.path("ownersLeftOut").asLong();
            }
            edge(node.id, owned.id, owner.path("percent").asText());
            stack.push(Map.entry(node, owner.path("restrictedOwners").iterator()));
        }
    }

    /** The box standing for the parties a cut chain leaves out. */
    private Node gap(int pathNumber, long leftOut, int depth) {
        String id = "…" + pathNumber;
        Node gap = nodes.computeIfAbsent(id, k -> new Node(id, leftOut + " parties left out", "", "gap"));
        gap.leftOut = leftOut;
        gap.depth = Math.max(gap.depth, depth);
        return gap;
    }

    private Node node(JsonNode party, String role, int depth) {
        String id = party.path("partyId").asText();
        Node node = nodes.computeIfAbsent(
                id,
                k -> new Node(
                        id, party.path("name").asText(id), party.path("country").asText(""), role));
        node.depth = Math.max(node.depth, depth);
        if (role.equals("seed")) {
            node.role = "seed";
        }
        return node;
    }

    private void edge(String owner, String owned, String percent) {
        edges.putIfAbsent(owner + ">" + owned, new Edge(owner, owned, percent));
    }

    private String render() {
        int maxDepth = nodes.values().stream().mapToInt(n -> n.depth).max().orElse(0);
        List<List<Node>> rows = new ArrayList<>();
        for (int d = 0; d <= maxDepth; d++) {
            rows.add(new ArrayList<>());
        }
        nodes.values().forEach(n -> rows.get(n.depth).add(n));
        int widest = rows.stream().mapToInt(List::size).max().orElse(1);
        int width = Math.max(2 * MARGIN + widest * BOX_W + (widest - 1) * GAP_X, 560);
        int height = 2 * MARGIN + (maxDepth + 1) * BOX_H + maxDepth * GAP_Y + CAPTION_H;
        for (List<Node> row : rows) {
            int rowWidth = row.size() * BOX_W + (row.size() - 1) * GAP_X;
            int x = (width - rowWidth) / 2;
            for (Node n : row) {
                n.x = x;
                // Seeds at the top, the party decided about at the bottom.
                n.y = MARGIN + (maxDepth - n.depth) * (BOX_H + GAP_Y);
                x += BOX_W + GAP_X;
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ownership\" role=\"img\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\"><title>")
                .append(esc("Ownership behind the finding on "
                        + finding.path("party").path("name").asText()))
                .append("</title>")
                .append(
                        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#667085\"/></marker>")
                .append(
                        "<marker id=\"arrow-hot\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#b42318\"/></marker></defs>");
        for (Edge e : edges.values()) {
            Node from = nodes.get(e.owner);
            Node to = nodes.get(e.owned);
            if (from == null || to == null) {
                continue;
            }
            boolean hot = onPaths.contains(e.owner + ">" + e.owned);
            int x1 = from.x + BOX_W / 2;
            int y1 = from.y + BOX_H;
            int x2 = to.x + BOX_W / 2;
            int y2 = to.y;
            svg.append("<line class=\"stake")
                    .append(hot ? " on-path" : "")
                    .append("\" x1=\"")
                    .append(x1)
                    .append("\" y1=\"")
                    .append(y1)
                    .append("\" x2=\"")
                    .append(x2)
                    .append("\" y2=\"")
                    .append(y2)
                    .append("\" stroke=\"")
                    .append(hot ? "#b42318" : "#667085")
                    .append("\" stroke-width=\"")
                    .append(hot ? 3 : 1.5)
                    .append("\"")
                    .append(hot ? "" : " stroke-dasharray=\"5 4\"")
                    .append(" marker-end=\"url(#")
                    .append(hot ? "arrow-hot" : "arrow")
                    .append(")\"/>");
            int mx = (x1 + x2) / 2;
            int my = (y1 + y2) / 2;
            svg.append("<rect x=\"")
                    .append(mx - 30)
                    .append("\" y=\"")
                    .append(my - 12)
                    .append("\" width=\"60\" height=\"22\" rx=\"4\" fill=\"#fff\" stroke=\"")
                    .append(hot ? "#b42318" : "#d0d5dd")
                    .append("\"/>")
                    .append("<text class=\"percent\" x=\"")
                    .append(mx)
                    .append("\" y=\"")
                    .append(my + 4)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"")
                    .append(hot ? "#b42318" : "#344054")
                    .append("\">")
                    .append(e.percent == null ? "…" : esc(e.percent) + "%")
                    .append("</text>");
        }
        for (Node n : nodes.values()) {
            String fill = switch (n.role) {
                case "seed" -> "#fee4e2";
                case "subject" -> "#eef4ff";
                case "gap" -> "#f2f4f7";
                default -> "#fef0c7";
            };
            String stroke = switch (n.role) {
                case "seed" -> "#b42318";
                case "subject" -> "#3538cd";
                case "gap" -> "#667085";
                default -> "#b54708";
            };
            String mark = switch (n.role) {
                case "seed" -> "restricted: banned jurisdiction";
                case "subject" -> "restricted share " + n.restrictedShare + "%";
                case "gap" -> "chain cut: see the path's text";
                default ->
                    n.leftOut > 0
                            ? "proof cut: " + n.leftOut + " owners above"
                            : "restricted by extension"
                                    + (n.restrictedShare == null ? "" : " (" + n.restrictedShare + "%)");
            };
            svg.append("<g class=\"party ")
                    .append(n.role)
                    .append("\" data-party=\"")
                    .append(esc(n.id))
                    .append("\">")
                    .append("<rect x=\"")
                    .append(n.x)
                    .append("\" y=\"")
                    .append(n.y)
                    .append("\" width=\"")
                    .append(BOX_W)
                    .append("\" height=\"")
                    .append(BOX_H)
                    .append("\" rx=\"8\" fill=\"")
                    .append(fill)
                    .append("\" stroke=\"")
                    .append(stroke)
                    .append("\" stroke-width=\"2\"/>")
                    .append("<text x=\"")
                    .append(n.x + 10)
                    .append("\" y=\"")
                    .append(n.y + 20)
                    .append("\" font-size=\"13\" font-weight=\"600\" fill=\"#101828\">")
                    .append(esc(shorten(n.name, 30)))
                    .append("</text>")
                    .append("<text x=\"")
                    .append(n.x + 10)
                    .append("\" y=\"")
                    .append(n.y + 37)
                    .append("\" font-size=\"11\" fill=\"#475467\">")
                    .append(esc(shorten(n.id, 22)))
                    .append(" · ")
                    .append(esc(n.country))
                    .append("</text>")
                    .append("<text x=\"")
                    .append(n.x + 10)
                    .append("\" y=\"")
                    .append(n.y + 50)
                    .append("\" font-size=\"11\" fill=\"")
                    .append(stroke)
                    .append("\">")
                    .append(esc(mark))
                    .append("</text></g>");
        }
        boolean exceeded = finding.path("exceeded").asBoolean();
        // Two lines: one long line overflows a narrow picture.
        String colour = exceeded ? "#b42318" : "#027a48";
        svg.append("<text class=\"aggregate\" x=\"")
                .append(MARGIN)
                .append("\" y=\"")
                .append(height - 40)
                .append("\" font-size=\"14\" font-weight=\"600\" fill=\"")
                .append(colour)
                .append("\">")
                .append(esc("Restricted owners hold "
                        + finding.path("restrictedShare").asText() + "% of "
                        + shorten(finding.path("party").path("name").asText(), 40)))
                .append("</text><text class=\"aggregate\" x=\"")
                .append(MARGIN)
                .append("\" y=\"")
                .append(height - 20)
                .append("\" font-size=\"14\" font-weight=\"600\" fill=\"")
                .append(colour)
                .append("\">")
                .append(esc("threshold " + finding.path("comparison").asText(">") + " "
                        + finding.path("threshold").asText() + "%: " + (exceeded ? "exceeded" : "not exceeded")))
                .append("</text></svg>");
        return svg.toString();
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static final class Node {
        final String id;
        final String name;
        final String country;
        String role;
        String restrictedShare;
        long leftOut; // proof nodes above this one the evidence left out
        int depth;
        int x;
        int y;

        Node(String id, String name, String country, String role) {
            this.id = id;
            this.name = name;
            this.country = country;
            this.role = role;
        }
    }

    /** @param percent null where the owned party was left out of the evidence */
    private record Edge(String owner, String owned, String percent) {}
}
