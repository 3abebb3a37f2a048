package io.clearance.audit;

import java.time.Duration;

/**
 * How far the database is behind a chain's journal: the seam for metrics (records, bytes, lag) and for the
 * health warning.
 *
 * @param records records in the journal not yet in the database
 * @param bytes the journal's size on disk (shipped segments are deleted; the one being written stays)
 * @param maxBytes the size beyond which decisions are refused
 * @param lag the age of the oldest record not yet in the database
 */
public record AuditBacklog(String chainId, long records, long bytes, long maxBytes, Duration lag) {}
