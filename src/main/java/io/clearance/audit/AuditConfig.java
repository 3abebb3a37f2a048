package io.clearance.audit;

import io.clearance.audit.journal.FsyncPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the audit trail ({@code clearance.audit.*}). */
@ConfigMapping(prefix = "clearance.audit")
public interface AuditConfig {

    /**
     * How long the writer waits for more decisions after the first of a batch arrives. Kept for
     * compatibility; the journal writes whatever is waiting without waiting for more.
     */
    @WithDefault("0ms")
    Duration flushInterval();

    /** The most records shipped to the database in one transaction. */
    @WithDefault("500")
    int maxBatch();

    /** A checkpoint (the signed chain head at that record) every this many records. */
    @WithDefault("1000")
    int checkpointEvery();

    /** ... and at least this often while records are written, so the head file is never far behind. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /**
     * The chain this instance writes its decisions to; by default the instance id ({@link InstanceId}), so that
     * instances sharing a database each write a chain of their own. Set it only to go on writing one named
     * chain from one instance (two instances must never name the same chain).
     */
    Optional<String> chainId();

    /**
     * The folder of the journal, the head files and any generated keys. Keep it on a local disk of its own
     * (a full disk stops decisions, never loses them).
     */
    @WithDefault("data/audit")
    Path dataDir();

    /**
     * The HMAC-SHA256 key of the chain, base64 (at least 32 bytes). When absent, a key is generated into
     * {@code data-dir/chain.key} (mode 0600) at first start, and the log says so.
     */
    Optional<String> chainKey();

    /**
     * The Ed25519 private key (PKCS#8, base64) that signs checkpoints. When absent, one is generated into
     * {@code data-dir/checkpoint-signing.key} with its public half beside it.
     */
    Optional<String> signingKey();

    /** The public half of a configured {@link #signingKey()} (X.509, base64). */
    Optional<String> signingPublicKey();

    /** A file every checkpoint head is also appended to (an external witness: another disk or a mount). */
    Optional<Path> witnessFile();

    Journal journal();

    /** The local journal the decision path writes to. */
    interface Journal {

        /** Bytes per segment file. */
        @WithDefault("67108864")
        long segmentBytes();

        /**
         * The most bytes the journal may hold while the database is behind; beyond it decisions are refused
         * with 503 {@code audit-unavailable} (fail closed) until shipping catches up.
         */
        @WithDefault("1073741824")
        long maxBytes();

        @WithDefault("none")
        FsyncPolicy fsync();

        /** For {@code fsync=interval}: how often the journal is forced. */
        @WithDefault("1s")
        Duration fsyncInterval();

        /** Records not yet in the database kept in memory, so that a decision just answered can be read back. */
        @WithDefault("10000")
        int tailCache();
    }

    Ship ship();

    /** Shipping the journal into the database. */
    interface Ship {

        /** How long a search, export or verify waits for the records answered before it to reach the database. */
        @WithDefault("2s")
        Duration readWait();

        /** The longest pause between attempts while the database is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();
    }
}
