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
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/**
 * The import benchmark: for each format asked, generates a synthetic file set of the asked size in it,
 * parses each file with a counting sink (records/s parsed) and, for the GLEIF golden copy (CSV or JSON
 * distribution), imports it through the import's writer into a database (staged by COPY on PostgreSQL,
 * batched inserts on H2, then merged: entities/s and stakes/s committed, and the whole time), with the peak
 * heap of that format's runs. Prints figures, each line labelled with its format; asserts nothing.
 *
 * <p>Arguments: entities, relationships, JDBC URL (default: an H2 file under target/), user, password. The
 * formats are {@code BENCH_FORMATS} (default {@code csv json}): {@code csv} and {@code json} are the GLEIF
 * distributions, parsed and committed; {@code psc}, {@code bods} and {@code ftm} (UK PSC, BODS 0.4,
 * OpenSanctions FollowTheMoney) are parsed only.
 */
public final class ImportBenchmark {

    /** A benchmarked format: its files in reading order, and whether it is committed. */
    private record Bench(String name, String title, List<String> files, List<ImportFormat> formats, boolean commit) {

        static Bench of(String name) {
            return switch (name) {
                case "csv" ->
                    new Bench(
                            name,
                            "GLEIF golden copy, CSV distribution",
                            List.of("lei.csv", "rr.csv"),
                            List.of(ImportFormat.GLEIF_LEI_CSV, ImportFormat.GLEIF_RR_CSV),
                            true);
                case "json" ->
                    new Bench(
                            name,
                            "GLEIF golden copy, JSON distribution",
                            List.of("lei.json", "rr.json"),
                            List.of(ImportFormat.GLEIF_LEI_JSON, ImportFormat.GLEIF_RR_JSON),
                            true);
                case "psc" -> one(name, "UK PSC snapshot, JSON Lines", "psc.jsonl", ImportFormat.UK_PSC);
                case "bods" -> one(name, "BODS 0.4 statements, JSON Lines", "bods.jsonl", ImportFormat.BODS);
                case "ftm" ->
                    one(name, "OpenSanctions FollowTheMoney, JSON Lines", "ftm.jsonl", ImportFormat.OPENSANCTIONS);
                default ->
                    throw new IllegalArgumentException(
                            "BENCH_FORMATS: `" + name + "` is not one of csv, json, psc, bods, ftm");
            };
        }

        private static Bench one(String name, String title, String file, ImportFormat format) {
            return new Bench(name, title, List.of(file), List.of(format), false);
        }
    }

    /** What one format's runs measured, for the summary. */
    private record Figures(String format, List<String> lines) {}

    public static void main(String[] args) throws Exception {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 3_400_000;
        int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        String url = args.length > 2 ? args[2] : "jdbc:h2:file:./target/bench-import/db;DB_CLOSE_ON_EXIT=FALSE";
        String user = args.length > 3 ? args[3] : "sa";
        String password = args.length > 4 ? args[4] : "";
        String asked = System.getenv().getOrDefault("BENCH_FORMATS", "csv json").trim();
        List<Bench> benches = new ArrayList<>();
        for (String name : asked.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            benches.add(Bench.of(name)); // every name is checked before any work
        }
        List<Figures> all = new ArrayList<>();
        for (Bench bench : benches) {
            System.out.printf(
                    "-- %s: %s, %,d entities, %,d relationships --%n",
                    bench.name, bench.title, entities, relationships);
            System.gc(); // the previous format's garbage is not this one's peak
            resetPeakHeap();
            Path dir = generate(bench, entities, relationships);
            Figures figures = new Figures(bench.name, new ArrayList<>());
            for (int i = 0; i < bench.files.size(); i++) {
                figures.lines.add(parse(bench, bench.files.get(i), bench.formats.get(i), dir));
            }
            if (bench.commit) {
                figures.lines.addAll(commit(bench, dir, url, user, password));
            }
            figures.lines.add(String.format(
                    "%s: peak heap %,d MB of max %,d MB (parse and commit runs)",
                    bench.name, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20));
            System.out.println(figures.lines.get(figures.lines.size() - 1));
            all.add(figures);
        }
        System.out.printf("== summary, %s, %s ==%n", url.replaceAll(";.*", ""), Instant.now());
        all.forEach(figures -> figures.lines.forEach(line -> System.out.println("  " + line)));
    }

    /** The format's synthetic files, written once per size and kept; a marker tells a finished set. */
    private static Path generate(Bench bench, int entities, int relationships) throws Exception {
        Path dir = Path.of("target/bench-import/" + bench.name + "-" + entities + "-" + relationships);
        Path done = dir.resolve(".generated");
        if (!Files.exists(done)) {
            long started = System.nanoTime();
            try (SyntheticPublished out = new SyntheticPublished(bench.formats.get(0), dir)) {
                new SyntheticRegistry(42, 0.03, SyntheticRegistry.Mix.EXACT_ONLY)
                        .generate(entities, relationships, out);
            }
            Files.createFile(done);
            System.out.printf("%s: generated %s in %.1f s%n", bench.name, dir, (System.nanoTime() - started) / 1e9);
        }
        for (String file : bench.files) {
            System.out.printf("%s: %s is %,d MB%n", bench.name, file, Files.size(dir.resolve(file)) >> 20);
        }
        return dir;
    }

    /** Reads one file into a sink that only counts: the reader's own speed. */
    private static String parse(Bench bench, String file, ImportFormat format, Path dir) throws Exception {
        RegistrySink counting = new RegistrySink() {
            @Override
            public void party(PartyInfo party) {}

            @Override
            public void stake(String ownedId, String ownerId, StakeTerms terms) {}

            @Override
            public void partyIfAbsent(PartyInfo party, Provenance from) {}

            @Override
            public void endStake(String ownedId, String ownerId, Instant at, Provenance from) {}
        };
        ImportReport report = new ImportReport();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(file)), 1 << 16)) {
            format.read(in, counting, report, new ImportFormat.Options("GB"));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // The parse runs on this thread: its CPU time is what the reader costs when other work shares the cores.
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        long records = report.recordsRead();
        String line = String.format(
                "%s: parse %s: %,d records in %.1f s = %,.0f records/s (on its CPU time, %.1f s: %,.0f records/s;"
                        + " %d refused)",
                bench.name,
                file,
                records,
                seconds,
                records / seconds,
                cpuSeconds,
                records / cpuSeconds,
                report.rejected());
        System.out.println(line);
        return line;
    }

    /** Imports the golden copy into an emptied database, entities then relationships, each committed. */
    private static List<String> commit(Bench bench, Path dir, String url, String user, String password)
            throws Exception {
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
        List<String> lines = new ArrayList<>();
        long all = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < bench.files.size(); i++) {
                String file = bench.files.get(i);
                ImportReport report = new ImportReport();
                long started = System.nanoTime();
                try (ImportWriter writer = new ImportWriter(connection, new ImportPrecedence(null), report);
                        InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(file)), 1 << 16)) {
                    bench.formats.get(i).read(in, writer, report, ImportFormat.Options.DEFAULT);
                    long staged = System.nanoTime();
                    writer.finish();
                    long merged = System.nanoTime();
                    connection.commit();
                    long committed = System.nanoTime();
                    System.out.printf(
                            "  %s %s: read and staged in %.1f s, merged and checked in %.1f s, committed in %.1f s%n",
                            bench.name,
                            file,
                            (staged - started) / 1e9,
                            (merged - staged) / 1e9,
                            (committed - merged) / 1e9);
                    report.phases().forEach((phase, spent) -> System.out.printf("    %6.1f s  %s%n", spent, phase));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                ImportReport.Snapshot done = report.snapshot();
                boolean lei = i == 0;
                long rows = lei ? done.partiesWritten() : done.stakesWritten();
                String what = lei ? "entities" : "stakes";
                String line = String.format(
                        "%s: commit %s: %,d %s in %.1f s = %,.0f %s/s (%d refused)",
                        bench.name, file, rows, what, seconds, rows / seconds, what, done.rejected());
                System.out.println(line);
                lines.add(line);
            }
        }
        String line = String.format(
                "%s: whole golden copy committed in %.1f s into %s",
                bench.name, (System.nanoTime() - all) / 1e9, url.replaceAll(";.*", ""));
        System.out.println(line);
        lines.add(line);
        return lines;
    }

    private static void resetPeakHeap() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
