package io.clearance.audit.resellers;

import java.util.List;

/**
 * A reseller's trend as a small SVG drawn on the server: one stacked bar per day with decisions (permitted
 * at the bottom, then reviewed, denied, rejected), so the page needs no script and no chart library. Every
 * bar carries a {@code <title>} with its day and figures, which a screen reader and a tooltip read.
 */
public final class ResellerChart {

    private static final int HEIGHT = 160;
    private static final int TOP = 10;
    private static final int BOTTOM = 28;
    private static final int LEFT = 36;
    private static final int BAR = 14;
    private static final int GAP = 6;
    private static final String[] COLOURS = {"#12b76a", "#f79009", "#d92d20", "#98a2b3"};
    private static final String[] NAMES = {"permitted", "reviewed", "denied", "rejected"};

    private ResellerChart() {}

    /** The chart of {@code trend}; an empty trend gives a chart that says there were no decisions. */
    public static String svg(List<ResellerReport.Day> trend) {
        int width = Math.max(LEFT + trend.size() * (BAR + GAP) + GAP, 320);
        long highest = Math.max(
                1, trend.stream().mapToLong(ResellerReport.Day::total).max().orElse(1));
        int plot = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"reseller-trend\" role=\"img\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\"><title>Decisions per day</title>");
        svg.append("<text x=\"4\" y=\"")
                .append(TOP + 10)
                .append("\" font-size=\"10\" fill=\"#667085\">")
                .append(highest)
                .append("</text>");
        svg.append("<line x1=\"")
                .append(LEFT - 4)
                .append("\" y1=\"")
                .append(TOP + plot)
                .append("\" x2=\"")
                .append(width - 2)
                .append("\" y2=\"")
                .append(TOP + plot)
                .append("\" stroke=\"#d0d5dd\"/>");
        if (trend.isEmpty()) {
            svg.append("<text x=\"")
                    .append(LEFT)
                    .append("\" y=\"")
                    .append(TOP + plot / 2)
                    .append("\" font-size=\"12\" fill=\"#667085\">no decisions in this period</text>");
        }
        int x = LEFT + GAP;
        for (ResellerReport.Day day : trend) {
            long[] parts = {day.permit(), day.review(), day.deny(), day.rejected()};
            int y = TOP + plot;
            svg.append("<g class=\"day\" data-day=\"").append(esc(day.day())).append("\"><title>");
            svg.append(esc(day.day())).append(": ");
            for (int i = 0; i < parts.length; i++) {
                svg.append(i == 0 ? "" : ", ").append(parts[i]).append(' ').append(NAMES[i]);
            }
            svg.append("</title>");
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] == 0) {
                    continue;
                }
                int h = (int) Math.max(1, Math.round((double) plot * parts[i] / highest));
                y -= h;
                svg.append("<rect class=\"")
                        .append(NAMES[i])
                        .append("\" x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(BAR)
                        .append("\" height=\"")
                        .append(h)
                        .append("\" fill=\"")
                        .append(COLOURS[i])
                        .append("\"/>");
            }
            svg.append("</g>");
            x += BAR + GAP;
        }
        if (!trend.isEmpty()) {
            svg.append("<text x=\"")
                    .append(LEFT)
                    .append("\" y=\"")
                    .append(HEIGHT - 8)
                    .append("\" font-size=\"10\" fill=\"#667085\">")
                    .append(esc(trend.get(0).day()))
                    .append("</text>");
            svg.append("<text x=\"")
                    .append(width - 4)
                    .append("\" y=\"")
                    .append(HEIGHT - 8)
                    .append("\" font-size=\"10\" fill=\"#667085\" text-anchor=\"end\">")
                    .append(esc(trend.get(trend.size() - 1).day()))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
