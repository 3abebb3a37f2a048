package io.clearance.cli;

import io.clearance.registry.PartyInfo;
import io.clearance.registry.RegistryFile;
import io.clearance.registry.SyntheticRegistry;
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
                "Write a synthetic registry (power-law groups, deep chains, cross-holdings, cycles) to .csv or .jsonl.")
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

    @Option(names = "--out", required = true, description = "the file to write; .csv or .jsonl")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (parties < 1 || stakes < 0) {
            System.err.println("--parties must be at least 1 and --stakes at least 0");
            return 2;
        }
        RegistryFile.Format.of(out); // refuses an unknown extension before any work
        long started = System.nanoTime();
        long[] stakeRows = new long[1];
        try (RegistryFile.Output output = RegistryFile.write(out)) {
            new SyntheticRegistry(seed, bannedFraction).generate(parties, stakes, new SyntheticRegistry.Sink() {
                @Override
                public void party(PartyInfo party) {
                    output.party(party);
                }

                @Override
                public void stake(String ownedId, String ownerId, long share) {
                    output.stake(ownedId, ownerId, share);
                    stakeRows[0]++;
                }
            });
        }
        System.out.printf(
                "wrote %,d parties and %,d stakes to %s in %.1f s%n",
                parties, stakeRows[0], out, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
