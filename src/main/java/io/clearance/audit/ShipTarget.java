package io.clearance.audit;

import java.util.List;
import java.util.Optional;

/** Where the journal is shipped to: the database, or in tests something that fails on demand. */
public interface ShipTarget {

    /** The newest record of the chain the target holds (its high-water mark), if any. */
    Optional<AuditRecord> head(String chainId);

    /** The record of the chain at {@code seq}, if the target holds it. */
    Optional<AuditRecord> at(String chainId, long seq);

    /**
     * Stores the records and checkpoints in one unit, skipping any already there (shipping again after a crash
     * changes nothing).
     */
    void ship(String chainId, List<AuditRecord> records, List<Checkpoint> checkpoints);
}
