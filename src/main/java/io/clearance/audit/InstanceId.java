package io.clearance.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Who this instance is among the instances sharing one database: the id its decision chain is named after. It
 * is {@code clearance.instance.id} when set, else generated once into {@code <data-dir>/instance.id} and read
 * from there after, so a restart of the same instance (same data folder) continues its own chain.
 *
 * <p>The data folder is this instance's alone: a lock on {@code <data-dir>/instance.lock}, held while the
 * instance runs, refuses a second process started on the same folder (two writers of one journal would give
 * one sequence number twice). Instances on other machines given the same id by mistake are caught when their
 * records reach the database ({@link ChainConflictException}): nothing is overwritten and readiness goes down.
 */
public final class InstanceId implements Closeable {

    private static final Logger LOG = Logger.getLogger(InstanceId.class);
    static final String ID_FILE = "instance.id";
    static final String LOCK_FILE = "instance.lock";

    // A chain id is a folder name and a database key (varchar(64)): letters, digits, dot, dash, underscore.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String id;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceId(String id, FileChannel channel, FileLock lock) {
        this.id = id;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the data folder for this process and tells the instance id.
     *
     * @throws IllegalStateException when another process holds the folder, the configured id is not a valid
     *     chain id, or it differs from the id the folder was first given
     */
    public static InstanceId claim(Optional<String> configured, Path dataDir) {
        configured.ifPresent(InstanceId::requireValid);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            Path lockFile = dataDir.resolve(LOCK_FILE);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the audit data folder " + dataDir.toAbsolutePath()
                        + " is in use by another Clearance process: every instance needs a data folder of its own"
                        + " (clearance.audit.data-dir), or two of them would write one journal");
            }
            String id = idFor(configured, dataDir.resolve(ID_FILE));
            return new InstanceId(id, channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot claim the audit data folder " + dataDir, e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static String idFor(Optional<String> configured, Path idFile) throws IOException {
        Optional<String> kept = Files.exists(idFile)
                ? Optional.of(Files.readString(idFile, StandardCharsets.UTF_8).trim())
                : Optional.empty();
        if (configured.isPresent()) {
            // A folder that held another instance's journal continues that instance's chain, never a new one's:
            // renaming an instance is a new data folder.
            if (kept.isPresent() && !kept.get().equals(configured.get())) {
                throw new IllegalStateException("clearance.instance.id is `" + configured.get()
                        + "` but the audit data folder belongs to instance `" + kept.get() + "` (" + idFile
                        + "): give this instance a data folder of its own, or its own id back");
            }
            if (kept.isEmpty()) {
                Files.writeString(idFile, configured.get() + "\n", StandardCharsets.UTF_8);
            }
            LOG.infof("instance id: %s (clearance.instance.id)", configured.get());
            return configured.get();
        }
        if (kept.isPresent()) {
            requireValid(kept.get());
            LOG.infof("instance id: %s (%s)", kept.get(), idFile);
            return kept.get();
        }
        String generated = generate();
        Files.writeString(idFile, generated + "\n", StandardCharsets.UTF_8);
        LOG.infof("instance id: %s, generated into %s (set clearance.instance.id to choose it)", generated, idFile);
        return generated;
    }

    // The host name makes the chain recognisable to an operator; the random part keeps two hosts of one name apart.
    private static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "clearance";
        }
        host = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        if (host.isEmpty()) {
            host = "clearance";
        }
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return host + "-" + HexFormat.of().formatHex(random);
    }

    static void requireValid(String id) {
        if (!VALID.matcher(id).matches()) {
            throw new IllegalStateException("instance id `" + id
                    + "` is not valid: 1 to 64 letters, digits, `.`, `-` or `_`, starting with a letter or digit");
        }
    }

    public String id() {
        return id;
    }

    /** Lets the data folder go (at shutdown). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debugf("instance lock not released: %s", e.getMessage());
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a lock file: the lock goes with the process anyway
            }
        }
    }
}
