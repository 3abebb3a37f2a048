package io.clearance.registry;

import io.clearance.problem.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one import saw, as it goes: records read and written, every refusal with its line and record id
 * (the first {@value #SHOWN} kept, all counted), what was skipped and why, and for the UK PSC register how
 * much of each company no statement accounts for. Readers set the position before each record; the import
 * reads a snapshot from another thread while it runs, hence the synchronisation.
 */
public final class ImportReport {

    public static final int SHOWN = 100;

    /**
     * A refused record: its line (0 when the refusal is about the whole file), its id in the source, the field
     * at fault (a JSON pointer into the record, or a CSV column; null when no one field is, or the reader does
     * not know it), why.
     */
    public record Rejection(long line, String recordId, String field, String code, String message) {}

    /**
     * A UK PSC company whose statements leave part of it to holders the register does not show (below 25%).
     *
     * @param atLeast the share nobody listed holds, at least (100 minus the most the statements allow)
     * @param atMost the share nobody listed holds, at most (100 minus the least the statements say)
     */
    public record Unaccounted(String company, String atLeast, String atMost) {}

    /** A copy of the counts, for the job's status. */
    public record Snapshot(
            long recordsRead,
            long partiesWritten,
            long stakesWritten,
            long stakesClosed,
            long rejected,
            List<Rejection> rejections,
            Map<String, Long> skipped,
            Map<String, Long> kept,
            List<String> notes,
            long companiesPartlyUnaccounted,
            List<Unaccounted> unaccounted) {}

    private long line;
    private String recordId;
    private long recordsRead;
    private long partiesWritten;
    private long stakesWritten;
    private long stakesClosed;
    private long rejected;
    private final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> kept = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private long partlyUnaccounted;
    private final List<Unaccounted> unaccounted = new ArrayList<>();
    private final Map<String, Double> phases = new LinkedHashMap<>();

    /** A reader is at the record starting on {@code line}, known to its source as {@code recordId}. */
    public synchronized void at(long line, String recordId) {
        this.line = line;
        this.recordId = recordId;
        recordsRead++;
    }

    public synchronized long line() {
        return line;
    }

    public synchronized String recordId() {
        return recordId;
    }

    /** Refuses the current record. */
    public void reject(ErrorCode code, String message) {
        long at;
        String id;
        synchronized (this) {
            at = line;
            id = recordId;
        }
        reject(at, id, code, message);
    }

    public void reject(long line, String recordId, ErrorCode code, String message) {
        reject(line, recordId, null, code, message);
    }

    public synchronized void reject(long line, String recordId, String field, ErrorCode code, String message) {
        rejected++;
        if (rejections.size() < SHOWN) {
            rejections.add(new Rejection(line, recordId, field, code.code(), message));
        }
    }

    /**
     * Refuses the current record for {@code cause}: a registry rule's code when it has one, and the field an
     * {@link InvalidField} names.
     */
    public void reject(RuntimeException cause) {
        ErrorCode code = cause instanceof RegistryRejection rejection
                ? rejection.errorCode()
                : cause instanceof InvalidField invalid && invalid.errorCode() != null
                        ? invalid.errorCode()
                        : ErrorCode.INVALID_RECORD;
        String field = cause instanceof InvalidField invalid ? invalid.field() : null;
        long at;
        String id;
        synchronized (this) {
            at = line;
            id = recordId;
        }
        reject(at, id, field, code, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    public void skipped(String what) {
        skipped(what, 1);
    }

    public synchronized void skipped(String what, long count) {
        skipped.merge(what, count, Long::sum);
    }

    /** A record not written because a source of higher precedence stated it (counted by that source). */
    public void kept(String storedSource) {
        kept(storedSource, 1);
    }

    /** {@code count} records not written because {@code storedSource}, of higher precedence, stated them. */
    public synchronized void kept(String storedSource, long count) {
        kept.merge("kept from " + (storedSource == null ? ImportPrecedence.API : storedSource), count, Long::sum);
    }

    public synchronized void note(String note) {
        if (notes.size() < SHOWN) {
            notes.add(note);
        }
    }

    public synchronized void unaccounted(Unaccounted company) {
        partlyUnaccounted++;
        if (unaccounted.size() < SHOWN) {
            unaccounted.add(company);
        }
    }

    public synchronized void partiesWritten(long count) {
        partiesWritten += count;
    }

    public synchronized void stakesWritten(long count) {
        stakesWritten += count;
    }

    public void stakeClosed() {
        stakesClosed(1);
    }

    public synchronized void stakesClosed(long count) {
        stakesClosed += count;
    }

    public synchronized long rejected() {
        return rejected;
    }

    public synchronized long recordsRead() {
        return recordsRead;
    }

    /** The import spent {@code seconds} on {@code phase} (a merge statement, the 100% check, ...); summed. */
    public synchronized void phase(String phase, double seconds) {
        phases.merge(phase, seconds, Double::sum);
    }

    /** Seconds per phase, in the order they first ran: where an import's time went. */
    public synchronized Map<String, Double> phases() {
        return new LinkedHashMap<>(phases);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(
                recordsRead,
                partiesWritten,
                stakesWritten,
                stakesClosed,
                rejected,
                List.copyOf(rejections),
                new LinkedHashMap<>(skipped),
                new LinkedHashMap<>(kept),
                List.copyOf(notes),
                partlyUnaccounted,
                List.copyOf(unaccounted));
    }
}
