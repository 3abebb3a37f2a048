package io.clearance.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * How {@code clearance import --server} shows progress: on a terminal one line redrawn in place, a bar of the
 * percent done with the rate and the time left; elsewhere (a log, a pipe, CI) plain lines, one every
 * {@link #PLAIN_EVERY_NANOS} at most, so a log is not flooded and a line is never overdrawn.
 */
final class ImportProgress {

    static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlain = Long.MIN_VALUE;
    private boolean drawn;

    ImportProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Shows one step.
     *
     * @param phase what is measured ({@code uploading}, {@code importing: running}, ...)
     * @param percent done, or null when unknown (no bar then)
     * @param rate how fast, with its unit ({@code 1.2 MB/s}), or null
     * @param etaSeconds time left, or null when unknown
     * @param counts what was done so far, in words
     * @param force show it even when a plain line was shown recently (the first and last of a phase)
     */
    void show(String phase, Double percent, String rate, Long etaSeconds, String counts, boolean force) {
        StringBuilder line = new StringBuilder(phase);
        if (percent != null) {
            line.append(' ');
            if (terminal) {
                int filled = (int) Math.round(Math.min(100, Math.max(0, percent)) / 100 * WIDTH);
                line.append('[')
                        .append("#".repeat(filled))
                        .append(" ".repeat(WIDTH - filled))
                        .append("] ");
            }
            line.append(String.format(Locale.ROOT, "%5.1f%%", percent));
        }
        if (rate != null) {
            line.append(", ").append(rate);
        }
        if (etaSeconds != null) {
            line.append(", ETA ").append(duration(etaSeconds));
        }
        if (counts != null && !counts.isEmpty()) {
            line.append(", ").append(counts);
        }
        if (terminal) {
            // Padded so that a shorter line wipes the end of a longer one drawn before it.
            out.print("\r" + String.format(Locale.ROOT, "%-110s", line));
            out.flush();
            drawn = true;
            return;
        }
        long now = System.nanoTime();
        if (force || lastPlain == Long.MIN_VALUE || now - lastPlain >= PLAIN_EVERY_NANOS) {
            out.println(line);
            lastPlain = now;
        }
    }

    /** Ends a phase: on a terminal the redrawn line is kept and the next starts below it. */
    void endPhase() {
        if (terminal && drawn) {
            out.println();
            drawn = false;
        }
        lastPlain = Long.MIN_VALUE;
    }

    /** {@code 75} as {@code 1m15s}, {@code 4000} as {@code 1h06m40s}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    /** Bytes per second in the unit that reads best. */
    static String byteRate(double bytesPerSecond) {
        if (bytesPerSecond >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / (1 << 20));
        }
        if (bytesPerSecond >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f kB/s", bytesPerSecond / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B/s", bytesPerSecond);
    }
}
