package io.clearance.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The staging tables of one import: temporary tables of the import's own connection, into which every record
 * is poured as it is read, before set-based statements move them into the registry ({@link StagedMerge}).
 * While the file is read nothing of the registry is touched, so no row of it is locked and every other write
 * goes on; the registry rows are locked only for the few statements that merge.
 *
 * <p>On PostgreSQL the rows go in with the COPY protocol (pgjdbc's {@link CopyManager}), a buffer of CSV at a
 * time, sent by a thread of their own while the reader fills the next buffer; on H2 as batched inserts. The tables are dropped when the import ends, committed or not.
 */
final class ImportStaging implements AutoCloseable {

    static final String PARTY_COLUMNS = "seq, id, name, kind, country, nationality, if_absent, source,"
            + " source_record_id, source_as_of, line, record_id";
    static final String STAKE_COLUMNS = "seq, owned_id, owner_id, " + StakeColumns.COLUMNS
            + ", source, source_record_id, source_as_of, line, record_id";
    static final String CLOSING_COLUMNS = "seq, owned_id, owner_id, at, source, source_record_id, source_as_of";

    private static final String PROVENANCE = "source varchar(32), source_record_id varchar(256), source_as_of date";
    private static final String TERMS = "percent numeric(9, 6), min_percent numeric(9, 6), min_exclusive boolean,"
            + " max_percent numeric(9, 6), max_exclusive boolean, control varchar(64),"
            + " valid_from timestamp with time zone, valid_to timestamp with time zone";
    private static final String[][] TABLES = {
        {
            "import_party",
            "seq bigint, id varchar(128), name varchar(512), kind varchar(16), country char(2),"
                    + " nationality char(2), if_absent boolean, " + PROVENANCE + ", line bigint, record_id varchar(256)"
        },
        {
            "import_stake",
            "seq bigint, owned_id varchar(128), owner_id varchar(128), " + TERMS + ", " + PROVENANCE
                    + ", line bigint, record_id varchar(256)"
        },
        {
            "import_closing",
            "seq bigint, owned_id varchar(128), owner_id varchar(128)," + " at timestamp with time zone, " + PROVENANCE
        },
        {"import_rank", "source varchar(32), strength int"},
        {
            "import_closing_final",
            "owned_id varchar(128), owner_id varchar(128), at timestamp with time zone, source_as_of date,"
                    + " verdict varchar(8)"
        },
        {
            "import_party_final",
            "id varchar(128), name varchar(512), kind varchar(16), country char(2),"
                    + " nationality char(2), if_absent boolean, " + PROVENANCE
                    + ", found boolean, stored_source varchar(32), new_rank int, old_rank int"
        },
        {
            "import_stake_final",
            "owned_id varchar(128), owner_id varchar(128), " + TERMS + ", " + PROVENANCE
                    + ", line bigint, record_id varchar(256), found boolean, stored_source varchar(32),"
                    + " new_rank int, old_rank int"
        }
    };

    private final Connection connection;
    private final boolean postgres;
    // PostgreSQL: the COPY of one buffer runs here while the reader fills the next, at most two in flight.
    private ExecutorService copier;
    private final Semaphore inFlight = new Semaphore(2);
    private volatile SQLException copyFailure;
    final Rows parties;
    final Rows stakes;
    final Rows closings;

    ImportStaging(Connection connection) throws SQLException {
        this.connection = connection;
        this.postgres = connection.isWrapperFor(PGConnection.class);
        if (postgres) {
            copier = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "clearance-import-copy");
                thread.setDaemon(true);
                return thread;
            });
            roomierTemporaryTables();
        }
        try (Statement ddl = connection.createStatement()) {
            for (String[] table : TABLES) {
                ddl.execute("drop table if exists " + table[0]);
                ddl.execute((postgres ? "create temporary table " : "create local temporary table ") + table[0] + " ("
                        + table[1] + ")");
            }
            if (!postgres) {
                // H2 answers `in (select ...)` and `not exists` over staged stakes by index or by a scan per row;
                // made here, empty, because DDL later would commit the import's transaction on H2.
                ddl.execute("create index import_stake_key on import_stake (owned_id, owner_id)");
            }
            if (postgres) {
                // The merge sorts millions of staged rows once (a golden copy's 3.4M parties take some 600 MB
                // sorted); in memory rather than in spill files. Only this transaction's sorts, only as they need.
                ddl.execute("set local work_mem = '1GB'");
            }
        }
        parties = rows("import_party", PARTY_COLUMNS, 12);
        stakes = rows("import_stake", STAKE_COLUMNS, 16);
        closings = rows("import_closing", CLOSING_COLUMNS, 7);
    }

    boolean postgres() {
        return postgres;
    }

    /**
     * Staged rows live in the session's temporary buffers (8 MB by default, so millions of rows would go
     * through the disk); PostgreSQL lets them grow only before the session first touches a temporary table,
     * so on a pooled connection that already imported the setting is refused, and the import goes on.
     */
    private void roomierTemporaryTables() throws SQLException {
        Savepoint before = connection.setSavepoint();
        try (Statement set = connection.createStatement()) {
            set.execute("set temp_buffers = '256MB'");
        } catch (SQLException refused) {
            connection.rollback(before);
        }
    }

    private Rows rows(String table, String columns, int count) throws SQLException {
        if (postgres) {
            return new CopyRows(this, connection.unwrap(PGConnection.class).getCopyAPI(), table, columns);
        }
        return new BatchRows(connection.prepareStatement("insert into " + table + " (" + columns + ") values ("
                + String.join(", ", Collections.nCopies(count, "?")) + ")"));
    }

    /** Sends what is buffered in every table and waits until it is in; before any statement reads them. */
    void flush() throws SQLException {
        parties.flush();
        stakes.flush();
        closings.flush();
        if (copier != null) {
            try {
                copier.submit(() -> {}).get(); // one thread: every COPY sent before has ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while the import was copied", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new SQLException(e.getCause());
            }
            failed();
        }
    }

    /** Hands one buffer of CSV to the copying thread; waits while two are in flight. */
    private void copy(CopyManager copy, String sql, byte[] csv) throws SQLException {
        failed();
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the import was copied", e);
        }
        copier.execute(() -> {
            try {
                if (copyFailure == null) {
                    copy.copyIn(sql, new ByteArrayInputStream(csv));
                }
            } catch (SQLException | IOException e) {
                copyFailure = e instanceof SQLException sql0
                        ? sql0
                        : new SQLException("could not stream the import to the database: " + e.getMessage(), e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void failed() throws SQLException {
        if (copyFailure != null) {
            throw copyFailure;
        }
    }

    /** Drops the staging tables; after the import committed or rolled back. */
    @Override
    public void close() throws SQLException {
        if (copier != null) {
            copier.shutdownNow();
        }
        parties.close();
        stakes.close();
        closings.close();
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement ddl = connection.createStatement()) {
            for (String[] table : TABLES) {
                ddl.execute("drop table if exists " + table[0]);
            }
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** Rows of one staging table; values are String, Long, Boolean, BigDecimal, Instant, LocalDate or null. */
    interface Rows extends AutoCloseable {

        void add(Object... values) throws SQLException;

        void flush() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** COPY ... FROM STDIN in CSV, one buffer of a few megabytes at a time. */
    private static final class CopyRows implements Rows {

        private static final int BUFFER = 4 << 20;

        private final ImportStaging staging;
        private final CopyManager copy;
        private final String sql;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BUFFER + (64 << 10));
        private final StringBuilder line = new StringBuilder(256);

        CopyRows(ImportStaging staging, CopyManager copy, String table, String columns) {
            this.staging = staging;
            this.copy = copy;
            this.sql = "copy " + table + " (" + columns + ") from stdin with (format csv)";
        }

        @Override
        public void add(Object... values) throws SQLException {
            line.setLength(0);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                Object value = values[i];
                if (value instanceof String text) {
                    // Quoted always: an empty string stays empty, and only an unquoted empty field is null.
                    line.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else if (value instanceof BigDecimal decimal) {
                    line.append(decimal.toPlainString());
                } else if (value instanceof Instant instant) {
                    line.append(instant.atOffset(ZoneOffset.UTC));
                } else if (value != null) {
                    line.append(value); // Long, Boolean, LocalDate: their text is what COPY reads
                }
            }
            line.append('\n');
            buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (buffer.size() >= BUFFER) {
                flush();
            }
        }

        @Override
        public void flush() throws SQLException {
            if (buffer.size() == 0) {
                return;
            }
            staging.copy(copy, sql, buffer.toByteArray());
            buffer.reset();
        }

        @Override
        public void close() {
            buffer.reset();
        }
    }

    /** Batched inserts, where COPY is not to be had (H2). */
    private static final class BatchRows implements Rows {

        private static final int BATCH = 1_000;

        private final PreparedStatement insert;
        private int pending;

        BatchRows(PreparedStatement insert) {
            this.insert = insert;
        }

        @Override
        public void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value instanceof Instant instant) {
                    insert.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                } else if (value instanceof LocalDate date) {
                    insert.setDate(i + 1, Date.valueOf(date));
                } else {
                    insert.setObject(i + 1, value);
                }
            }
            insert.addBatch();
            if (++pending >= BATCH) {
                flush();
            }
        }

        @Override
        public void flush() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }
}
