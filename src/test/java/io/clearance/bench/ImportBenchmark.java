package io.clearance.bench;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportPrecedence;
import io.clearance.registry.ImportReport;
import io.clearance.registry.ImportWriter;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.ImportFormat;
import io.clearance.registry.io.SyntheticPublished;
import io.clearance.registry.io.SyntheticRegistry;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.flywaydb.core.Flyway;

/**
 * The import benchmark: generates a synthetic GLEIF golden copy (entities and relationships, CSV), parses
 * it with a counting sink (records/s parsed), then imports it through the import's writer into a database
 * (staged by COPY on PostgreSQL, batched inserts on H2, then merged: entities/s and stakes/s committed, and
 * the whole time), and prints the peak heap. Prints figures; asserts nothing.
 *
 * <p>Arguments: entities, relationships, JDBC URL (default: an H2 file under target/), user, password.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 3_400_000;
        int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        String url = args.length > 2 ? args[2] : "jdbc:h2:file:./target/bench-import/db;DB_CLOSE_ON_EXIT=FALSE";
        String user = args.length > 3 ? args[3] : "sa";
        String password = args.length > 4 ? args[4] : "";
        Path dir = Path.of("target/bench-import/gleif-" + entities + "-" + relationships);
        if (!Files.exists(dir.resolve("rr.csv"))) {
            long started = System.nanoTime();
            try (SyntheticPublished out = new SyntheticPublished(ImportFormat.GLEIF_LEI_CSV, dir)) {
                new SyntheticRegistry(42, 0.03, SyntheticRegistry.Mix.EXACT_ONLY)
                        .generate(entities, relationships, out);
            }
            System.out.printf("generated %s in %.1f s%n", dir, (System.nanoTime() - started) / 1e9);
        }
        for (String file : new String[] {"lei.csv", "rr.csv"}) {
            ImportFormat format = file.startsWith("lei") ? ImportFormat.GLEIF_LEI_CSV : ImportFormat.GLEIF_RR_CSV;
            long[] count = {0};
            RegistrySink counting = new RegistrySink() {
                @Override
                public void party(PartyInfo party) {
                    count[0]++;
                }

                @Override
                public void stake(String ownedId, String ownerId, StakeTerms terms) {
                    count[0]++;
                }

                @Override
                public void partyIfAbsent(PartyInfo party, Provenance from) {
                    count[0]++;
                }
            };
            ImportReport report = new ImportReport();
            long started = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(file)), 1 << 16)) {
                format.read(in, counting, report, ImportFormat.Options.DEFAULT);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "parse %s: %,d records in %.1f s = %,.0f records/s (%d refused)%n",
                    file, report.recordsRead(), seconds, report.recordsRead() / seconds, report.rejected());
        }
        Flyway.configure()
                .dataSource(url, user, password)
                .cleanDisabled(false)
                .load()
                .clean();
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        long all = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            for (String file : new String[] {"lei.csv", "rr.csv"}) {
                ImportFormat format = file.startsWith("lei") ? ImportFormat.GLEIF_LEI_CSV : ImportFormat.GLEIF_RR_CSV;
                ImportReport report = new ImportReport();
                long started = System.nanoTime();
                try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report);
                        InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(file)), 1 << 16)) {
                    format.read(in, writer, report, ImportFormat.Options.DEFAULT);
                    long staged = System.nanoTime();
                    writer.finish();
                    long merged = System.nanoTime();
                    connection.commit();
                    long committed = System.nanoTime();
                    System.out.printf(
                            "  %s: read and staged in %.1f s, merged and checked in %.1f s, committed in %.1f s%n",
                            file, (staged - started) / 1e9, (merged - staged) / 1e9, (committed - merged) / 1e9);
                    report.phases().forEach((phase, spent) -> System.out.printf("    %6.1f s  %s%n", spent, phase));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                ImportReport.Snapshot done = report.snapshot();
                boolean lei = file.startsWith("lei");
                long rows = lei ? done.partiesWritten() : done.stakesWritten();
                System.out.printf(
                        "commit %s: %,d %s in %.1f s = %,.0f %s/s (%d refused)%n",
                        file,
                        rows,
                        lei ? "entities" : "stakes",
                        seconds,
                        rows / seconds,
                        lei ? "entities" : "stakes",
                        done.rejected());
            }
        }
        System.out.printf(
                "whole golden copy committed in %.1f s into %s%n",
                (System.nanoTime() - all) / 1e9, url.replaceAll(";.*", ""));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "peak heap %,d MB of max %,d MB at %s%n",
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20, Instant.now());
    }
}
