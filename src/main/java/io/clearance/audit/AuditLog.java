package io.clearance.audit;

import io.clearance.ClearanceConfig;
import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.SegmentFiles;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The audit log of this instance: a {@link ChainWriter} per chain over the local journal, each with an
 * {@link AuditShipper} copying it into the database. A decision's record is in the journal before its answer
 * leaves (answered implies logged); the database follows within a fifth of a second, or, while it is away, when it
 * returns.
 *
 * <p>Chains: this instance writes decisions to a chain of its own, named after its {@link InstanceId} (or
 * {@code clearance.audit.chain-id} when set), so instances sharing one database never share a chain; {@link
 * #chain(String)} opens others in the same data folder with the same keys. A journal the folder holds for
 * another chain (the {@code decisions} chain every instance wrote before instance ids) is opened at start too,
 * so what it still holds reaches the database; that chain is written no further and stays verifiable.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final AuditConfig config;
    private final ShipTarget store;
    private final AuditRepository repository;
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Optional<String> configuredInstanceId;
    private ChainKeys keys;
    private ScheduledExecutorService fsync;
    private volatile InstanceId instance;
    private volatile String decisionChain;

    @Inject
    SegmentFileSource segmentFiles;

    AuditLog(AuditConfig config, AuditStore store, AuditRepository repository, ClearanceConfig clearance) {
        this.config = config;
        this.configuredInstanceId = clearance.instance().id();
        this.store = store;
        this.repository = repository;
    }

    /** Opens the chains and starts their writers and shippers (a step of {@link io.clearance.startup.Startup}). */
    public void start() {
        instance = InstanceId.claim(configuredInstanceId, config.dataDir());
        String chainId = config.chainId().orElse(instance.id());
        InstanceId.requireValid(chainId);
        decisionChain = chainId;
        keys = ChainKeys.load(config.chainKey(), config.signingKey(), config.signingPublicKey(), config.dataDir());
        chain(chainId);
        for (String left : journalsBeside(chainId)) {
            LOG.infof(
                    "audit chain %s: its journal is in the data folder; what it holds is shipped, nothing is"
                            + " added to it (this instance writes chain %s)",
                    left, chainId);
            chain(left);
        }
        warnOfOtherKeys(chainId);
        if (config.journal().fsync() == FsyncPolicy.INTERVAL) {
            long every = config.journal().fsyncInterval().toMillis();
            fsync = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "clearance-audit-fsync");
                t.setDaemon(true);
                return t;
            });
            fsync.scheduleWithFixedDelay(
                    () -> writers().forEach(ChainWriter::force), every, every, TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (fsync != null) {
            fsync.shutdown();
        }
        for (Chain chain : chainsNow()) {
            chain.writer().checkpointHead();
            chain.writer().force();
            chain.shipper().stop(Duration.ofSeconds(5));
            try {
                chain.writer().close();
            } catch (IOException e) {
                LOG.warnf(
                        "audit journal of chain %s not closed cleanly: %s",
                        chain.writer().chainId(), e.getMessage());
            }
        }
        if (instance != null) {
            instance.close();
        }
    }

    /**
     * Verification checks every chain with this instance's keys, so instances sharing a database must share
     * them; a chain whose newest record's mac fails under ours was written under other keys (or rewritten), and
     * verify will report it. Said at start, where an operator looks when setting up a new instance.
     */
    private void warnOfOtherKeys(String own) {
        try {
            for (String other : repository.chains()) {
                if (other.equals(own) || other.equals(AuditRecord.LEGACY_CHAIN)) {
                    continue;
                }
                repository
                        .head(other)
                        .filter(head -> head.mac() != null
                                && !keys.mac(RecordHash.macInput(other, head.seq(), head.hash()))
                                        .equals(head.mac()))
                        .ifPresent(head -> LOG.warnf(
                                "audit chain %s in the database does not hold under this instance's chain key:"
                                        + " verify reports it as mac-mismatch. Instances sharing a database share"
                                        + " clearance.audit.chain-key and the signing key pair",
                                other));
            }
        } catch (RuntimeException e) {
            // The database away at start: the shipper waits for it; this is advice, not a step of the start.
            LOG.debugf("chains of other instances not compared with this instance's keys: %s", e.getMessage());
        }
    }

    // The other chains whose journal folders this data folder holds.
    private List<String> journalsBeside(String chainId) {
        Path journals = config.dataDir().resolve("journal");
        if (!Files.isDirectory(journals)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(journals)) {
            return folders.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(chainId))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit journals in " + journals, e);
        }
    }

    /** The chain of the given id, opened (journal recovered, shipper started) on first use. */
    public synchronized ChainWriter chain(String chainId) {
        Chain chain = chains.get(chainId);
        if (chain == null) {
            try {
                ChainWriter writer = ChainWriter.open(
                        chainId,
                        config.dataDir(),
                        segmentFiles == null ? SegmentFiles.DEFAULT : segmentFiles.files(),
                        keys,
                        new ChainWriter.Settings(
                                config.checkpointEvery(),
                                config.checkpointInterval(),
                                config.journal().fsync(),
                                config.journal().maxBytes(),
                                config.journal().tailCache()),
                        config.witnessFile(),
                        config.journal().segmentBytes(),
                        () -> store.head(chainId));
                AuditShipper shipper = new AuditShipper(
                        writer, store, config.maxBatch(), config.ship().maxBackoff());
                shipper.start();
                chain = new Chain(writer, shipper);
                chains.put(chainId, chain);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the audit journal of chain " + chainId, e);
            }
        }
        return chain.writer();
    }

    /**
     * Logs a decision to this instance's decision chain; returns once it is in the journal.
     *
     * @throws AuditUnavailableException when it could not be written: the answer must not go out
     */
    public AuditRecord append(AuditEntry entry) {
        return chain(decisionChain).append(entry);
    }

    /** A record answered moments ago that may not be in the database yet. */
    public Optional<AuditRecord> unshipped(String decisionId) {
        return writers().stream()
                .map(w -> w.unshipped(decisionId))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Waits (at most {@code clearance.audit.ship.read-wait}) until everything answered before the call is in
     * the database, so a search right after a decision finds it; returns whether it is.
     */
    public boolean awaitShipped() {
        boolean all = true;
        for (Chain chain : chainsNow()) {
            try {
                all &= chain.shipper().awaitShipped(config.ship().readWait());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return all;
    }

    /** The chain this instance writes decisions to (once started). */
    public String decisionChainId() {
        return decisionChain;
    }

    /** This instance's id among those sharing the database (once started). */
    public String instanceId() {
        InstanceId claimed = instance;
        return claimed == null ? null : claimed.id();
    }

    /** Whether the decision chain is open: before, no decision can be logged. */
    public boolean started() {
        String chainId = decisionChain;
        return chainId != null
                && chainsNow().stream().anyMatch(c -> c.writer().chainId().equals(chainId));
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public ChainKeys keys() {
        return keys;
    }

    /** Every open chain's writer and shipper, for health and metrics. */
    public synchronized Collection<Chain> chainsNow() {
        return List.copyOf(chains.values());
    }

    private Collection<ChainWriter> writers() {
        return chainsNow().stream().map(Chain::writer).toList();
    }

    /** A chain's writer and its shipper. */
    public record Chain(ChainWriter writer, AuditShipper shipper) {}
}
