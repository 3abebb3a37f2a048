package io.clearance.audit;

import io.clearance.audit.journal.FsyncPolicy;
import io.clearance.audit.journal.SegmentFiles;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The audit log of this instance: a {@link ChainWriter} per chain over the local journal, each with an
 * {@link AuditShipper} copying it into the database. A decision's record is in the journal before its answer
 * leaves (answered implies logged); the database follows within milliseconds, or, while it is away, when it
 * returns.
 *
 * <p>Chains: this instance writes decisions to {@code clearance.audit.chain-id}; {@link #chain(String)} opens
 * others (a changes chain) in the same data folder with the same keys.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final AuditConfig config;
    private final ShipTarget store;
    private final AuditRepository repository;
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private ChainKeys keys;
    private ScheduledExecutorService fsync;

    @Inject
    SegmentFileSource segmentFiles;

    AuditLog(AuditConfig config, AuditStore store, AuditRepository repository) {
        this.config = config;
        this.store = store;
        this.repository = repository;
    }

    /** Opens the chains and starts their writers and shippers (a step of {@link io.clearance.startup.Startup}). */
    public void start() {
        keys = ChainKeys.load(config.chainKey(), config.signingKey(), config.signingPublicKey(), config.dataDir());
        chain(config.chainId());
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
        return chain(config.chainId()).append(entry);
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

    /** The chain this instance writes decisions to. */
    public String decisionChainId() {
        return config.chainId();
    }

    public java.nio.file.Path dataDir() {
        return config.dataDir();
    }

    public ChainKeys keys() {
        return keys;
    }

    /** Every open chain's writer and shipper, for health and metrics. */
    public synchronized Collection<Chain> chainsNow() {
        return java.util.List.copyOf(chains.values());
    }

    private Collection<ChainWriter> writers() {
        return chainsNow().stream().map(Chain::writer).toList();
    }

    /** A chain's writer and its shipper. */
    public record Chain(ChainWriter writer, AuditShipper shipper) {}
}
