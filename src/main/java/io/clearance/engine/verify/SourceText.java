package io.clearance.engine.verify;

import io.clearance.engine.CompileError;

/** One rule file's text, turning character offsets into the 1-based line and column an author sees. */
final class SourceText {

    private final String name;
    private final String text;
    private final int[] lineStarts;

    SourceText(String name, String text) {
        this.name = name;
        this.text = text;
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    /** An error at a character offset; offsets outside the text give a position-less error in this file. */
    CompileError errorAt(int offset, String message) {
        if (offset < 0 || offset > text.length()) {
            return new CompileError(name, 0, 0, message);
        }
        int line = lineOf(offset);
        return new CompileError(name, line + 1, offset - lineStarts[line] + 1, message);
    }

    /** An error at a 1-based line and 0-based column, as Drools' descriptors give them. */
    CompileError errorAtLine(int line, int column, String message) {
        return new CompileError(name, Math.max(line, 0), line <= 0 ? 0 : Math.max(column, 0) + 1, message);
    }

    /** The offset of a 1-based line and column; -1 when outside the text. */
    int offsetOf(int line, int column) {
        if (line < 1 || line > lineStarts.length) {
            return -1;
        }
        return lineStarts[line - 1] + Math.max(column, 1) - 1;
    }

    private int lineOf(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
