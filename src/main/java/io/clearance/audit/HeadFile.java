package io.clearance.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An append-only text file of checkpoints, one {@link Checkpoint#line() line} each: the local head file of
 * a chain ({@code data-dir/heads/<chain>.heads}) or an external witness file.
 */
public final class HeadFile implements HeadWitness {

    private final Path path;
    private final boolean force;

    public HeadFile(Path path, boolean force) {
        this.path = path;
        this.force = force;
    }

    static Path of(Path dataDir, String chainId) {
        return dataDir.resolve("heads").resolve(chainId + ".heads");
    }

    @Override
    public synchronized void witness(Checkpoint checkpoint) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        StandardOpenOption[] options = force
                ? new StandardOpenOption[] {
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.DSYNC
                }
                : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND};
        Files.writeString(path, checkpoint.line() + "\n", StandardCharsets.UTF_8, options);
    }

    /** The newest checkpoint of the chain in the file, if any. Unreadable lines are skipped. */
    public Optional<Checkpoint> last(String chainId) throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                Checkpoint c = Checkpoint.parse(lines.get(i));
                if (c.chainId().equals(chainId)) {
                    return Optional.of(c);
                }
            } catch (RuntimeException e) {
                // a torn last line after a crash: the one before it stands
            }
        }
        return Optional.empty();
    }

    /** The newest checkpoint of each chain the file names (a witness may be shared by several instances). */
    public List<Checkpoint> newestPerChain() throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        Map<String, Checkpoint> newest = new TreeMap<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            try {
                Checkpoint c = Checkpoint.parse(line);
                newest.merge(c.chainId(), c, (a, b) -> a.seq() >= b.seq() ? a : b);
            } catch (RuntimeException e) {
                // a torn line after a crash, or not a head line: the others stand
            }
        }
        return List.copyOf(newest.values());
    }

    public Path path() {
        return path;
    }
}
