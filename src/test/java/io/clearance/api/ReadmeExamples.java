package io.clearance.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of README.md, read from the file itself: every {@code sh} block not marked {@code
 * <!-- not-run: reason -->} on the line before it, cut into steps. A step is the commands up to an expected
 * answer, which README writes as {@code #} lines under them, or as the {@code json} block right after its
 * {@code sh} block.
 */
record ReadmeExamples(List<Block> blocks, List<String> notRun) {

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not-run:\\s*(.+?)\\s*-->");

    /** A README block: where it starts (line number, 1-based) and its steps in order. */
    record Block(int line, List<Step> steps) {}

    /**
     * Commands and what README shows they answer.
     *
     * @param expected the answer as README shows it ({@code #} stripped), empty when README shows none
     * @param wholeAnswer {@code true} for a {@code json} block, which claims the whole answer
     */
    record Step(int line, String commands, String expected, boolean wholeAnswer) {}

    static ReadmeExamples parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches() || !fence.group(1).equals("sh")) {
                if (fence.matches()) {
                    i = closing(lines, i);
                }
                continue;
            }
            int end = closing(lines, i);
            Matcher marked = NOT_RUN.matcher(previousText(lines, i));
            if (marked.find()) {
                notRun.add("line " + (i + 1) + ": " + marked.group(1));
                i = end;
                continue;
            }
            List<Step> steps = steps(lines.subList(i + 1, end), i + 2);
            int next = end + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            if (next < lines.size() && lines.get(next).equals("```json") && !steps.isEmpty()) {
                int jsonEnd = closing(lines, next);
                Step last = steps.remove(steps.size() - 1);
                steps.add(new Step(
                        last.line(), last.commands(), String.join("\n", lines.subList(next + 1, jsonEnd)), true));
            }
            blocks.add(new Block(i + 1, steps));
            i = end;
        }
        return new ReadmeExamples(blocks, notRun);
    }

    private static List<Step> steps(List<String> body, int firstLine) {
        List<Step> steps = new ArrayList<>();
        StringBuilder commands = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        int start = firstLine;
        for (int k = 0; k < body.size(); k++) {
            String line = body.get(k);
            boolean comment = line.startsWith("#");
            if (!comment && expected.length() > 0) {
                steps.add(new Step(start, commands.toString(), expected.toString(), false));
                commands.setLength(0);
                expected.setLength(0);
                start = firstLine + k;
            }
            if (comment) {
                expected.append(line.substring(1).strip()).append('\n');
            } else {
                commands.append(line).append('\n');
            }
        }
        if (commands.length() > 0 || expected.length() > 0) {
            steps.add(new Step(start, commands.toString(), expected.toString(), false));
        }
        return steps;
    }

    private static int closing(List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).startsWith("```")) {
                return j;
            }
        }
        throw new IllegalStateException("README.md: the block at line " + (open + 1) + " is never closed");
    }

    private static String previousText(List<String> lines, int fence) {
        for (int j = fence - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j);
            }
        }
        return "";
    }
}
