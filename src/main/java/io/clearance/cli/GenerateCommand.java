package io.clearance.cli;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.RegistrySink;
import io.clearance.registry.io.ImportFormat;
import io.clearance.registry.io.RegistryFile;
import io.clearance.registry.io.RegistryFormat;
import io.clearance.registry.io.RegistryWriter;
import io.clearance.registry.io.SyntheticPublished;
import io.clearance.registry.io.SyntheticRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clearance generate --parties N --stakes M --seed S --out registry.csv}: writes a synthetic
 * registry shaped like a real one (see {@link SyntheticRegistry}) for benchmarks and scale tests; the same
 * seed gives the same file. Load it with {@code clearance import}.
 */
@Command(
        name = "generate",
        description =
                "Write a synthetic registry (power-law groups, deep chains, cross-holdings, cycles; some stakes as"
                        + " bands, consolidation or dated) to .csv or .jsonl.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--parties", required = true, description = "how many parties")
    int parties;

    @Option(names = "--stakes", required = true, description = "how many stakes, about")
    int stakes;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--banned-fraction",
            defaultValue = "0.03",
            description = "share of parties in banned jurisdictions (default: ${DEFAULT-VALUE})")
    double bannedFraction;

    @Option(
            names = "--range-fraction",
            defaultValue = "0.03",
            description = "share of stakes reported as a band such as 25–50%% (default: ${DEFAULT-VALUE})")
    double rangeFraction;

    @Option(
            names = "--control-fraction",
            defaultValue = "0.01",
            description = "share of stakes that are consolidation without a percentage (default: ${DEFAULT-VALUE})")
    double controlFraction;

    @Option(
            names = "--dated-fraction",
            defaultValue = "0.02",
            description = "share of stakes with a start date, half of them with an end (default: ${DEFAULT-VALUE})")
    double datedFraction;

    @Option(
            names = "--out",
            required = true,
            description = "the file to write; .csv or .jsonl (a directory with --format)")
    Path out;

    @Option(
            names = "--format",
            description = "write a published format into the --out directory instead: gleif-lei-csv (lei.csv and"
                    + " rr.csv), gleif-lei-json, uk-psc, bods, opensanctions")
    String format;

    @Override
    public Integer call() throws IOException {
        if (parties < 1 || stakes < 0) {
            System.err.println("--parties must be at least 1 and --stakes at least 0");
            return 2;
        }
        SyntheticRegistry.Mix mix;
        try {
            mix = new SyntheticRegistry.Mix(rangeFraction, controlFraction, datedFraction);
        } catch (IllegalArgumentException e) {
            System.err.println("--range-fraction, --control-fraction and --dated-fraction lie between 0 and 1");
            return 2;
        }
        if (format != null) {
            return published(mix);
        }
        if (!RegistryFormat.of(out).writable()) { // refuses an unknown extension before any work
            System.err.println("--out must end in .csv or .jsonl");
            return 2;
        }
        long started = System.nanoTime();
        long[] stakeRows = new long[1];
        try (RegistryWriter output = RegistryFile.write(out)) {
            new SyntheticRegistry(seed, bannedFraction, mix).generate(parties, stakes, new RegistrySink() {
                @Override
                public void party(PartyInfo party) {
                    output.party(party);
                }

                @Override
                public void stake(String ownedId, String ownerId, StakeTerms terms) {
                    output.stake(ownedId, ownerId, terms);
                    stakeRows[0]++;
                }
            });
        }
        System.out.printf(
                "wrote %,d parties and %,d stakes to %s in %.1f s%n",
                parties, stakeRows[0], out, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private int published(SyntheticRegistry.Mix mix) throws IOException {
        ImportFormat chosen = ImportFormat.ofWireName(format).orElse(null);
        if (chosen == null) {
            System.err.println("--format `" + format + "` is not an import format");
            return 2;
        }
        long started = System.nanoTime();
        try (SyntheticPublished output = new SyntheticPublished(chosen, out)) {
            new SyntheticRegistry(seed, bannedFraction, mix).generate(parties, stakes, output);
        }
        System.out.printf(
                "wrote %,d parties and their stakes as %s into %s in %.1f s%n",
                parties, chosen.wireName(), out, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
