package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.identity.StatedIdentifier;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Writes an import into a registry that may already hold parties and stakes, on one JDBC connection whose
 * transaction the caller commits or rolls back. Each record is checked as it is read and poured into the
 * import's staging tables ({@link ImportStaging}: COPY on PostgreSQL, batched inserts on H2); nothing of the
 * registry is touched, or locked, until {@link #finish()} moves it all in with set-based statements
 * ({@link StagedMerge}), applies the closings and checks the 100% rule over the parties it wrote stakes
 * into. Memory holds one buffer of rows, whatever the size of the file.
 *
 * <p>A record replaces what is stored only when its source has the same or a higher precedence
 * ({@link ImportPrecedence}); otherwise it is counted as kept. A stake may come before the parties it names
 * (sources do not always list parties first); one whose parties are in neither the file nor the registry is
 * refused with its line.
 */
public final class ImportWriter implements RegistrySink, AutoCloseable {

    private final Connection connection;
    private final ImportPrecedence precedence;
    private final ImportReport report;
    private final Instant started = Instant.now();
    private final Timestamp now = Timestamp.from(started);
    private final ImportStaging staging;
    private final StatedIdentifiers identifiers = new StatedIdentifiers();
    private long seq;

    public ImportWriter(Connection connection, ImportPrecedence precedence, ImportReport report) {
        this.connection = connection;
        this.precedence = precedence;
        this.report = report;
        this.staging = sql(() -> new ImportStaging(connection));
    }

    @Override
    public void party(PartyInfo party) {
        party(party, Provenance.api());
    }

    @Override
    public void stake(String ownedId, String ownerId, StakeTerms terms) {
        stake(ownedId, ownerId, terms, Provenance.api());
    }

    @Override
    public void party(PartyInfo party, Provenance from) {
        stageParty(party, from, false);
    }

    @Override
    public void partyIfAbsent(PartyInfo party, Provenance from) {
        stageParty(party, from, true);
    }

    private void stageParty(PartyInfo party, Provenance from, boolean ifAbsent) {
        PartyRules.checkParty(party);
        sql(() -> staging.parties.add(
                ++seq,
                party.id(),
                party.name(),
                party.kind().name(),
                party.country(),
                party.nationality(),
                ifAbsent,
                from.source(),
                from.recordId(),
                from.asOf(),
                report.line(),
                report.recordId()));
    }

    @Override
    public void identifiers(String partyId, List<StatedIdentifier> stated, Provenance from) {
        identifiers.add(partyId, from.source(), stated, report.line(), report.recordId());
    }

    @Override
    public void stake(String ownedId, String ownerId, StakeTerms terms, Provenance from) {
        PartyRules.checkId(ownedId);
        PartyRules.checkId(ownerId);
        PartyRules.checkTerms(terms);
        if (ownedId.equals(ownerId)) {
            throw new RegistryRejection(ErrorCode.SELF_OWNERSHIP, "party `" + ownedId + "` cannot own itself");
        }
        StakeColumns columns = StakeColumns.of(terms);
        sql(() -> staging.stakes.add(
                ++seq,
                ownedId,
                ownerId,
                columns.percent(),
                columns.minPercent(),
                columns.minExclusive(),
                columns.maxPercent(),
                columns.maxExclusive(),
                columns.control(),
                columns.validFrom(),
                columns.validTo(),
                from.source(),
                from.recordId(),
                from.asOf(),
                report.line(),
                report.recordId()));
    }

    @Override
    public void endStake(String ownedId, String ownerId, Instant at, Provenance from) {
        PartyRules.checkId(ownedId);
        PartyRules.checkId(ownerId);
        sql(() -> staging.closings.add(++seq, ownedId, ownerId, at, from.source(), from.recordId(), from.asOf()));
    }

    /**
     * Moves what was staged into the registry, applies the closings and checks the 100% rule; refusals go to
     * the report, and the caller then commits only when there are none.
     */
    public void finish() {
        sql(() -> {
            long flushing = System.nanoTime();
            staging.flush();
            long merging = phase("staging flushed", flushing);
            if (!StagedMerge.merge(connection, precedence, report, started, staging.postgres())) {
                return;
            }
            long closing0 = System.nanoTime();
            StagedClosings.apply(connection, report, now, staging.postgres());
            for (StagedClosings.Closing closing : StagedClosings.rest(connection)) {
                close(closing.ownedId(), closing.ownerId(), closing.at(), closing.from());
            }
            long stating = phase("closings", closing0);
            identifiers.apply(connection, report);
            long checking = phase("identifiers", stating);
            ShareCheck.staged(connection, report);
            phase("100% check", checking);
        });
    }

    /** Reports the time since {@code since} as {@code name}; returns now. */
    private long phase(String name, long since) {
        long now = System.nanoTime();
        report.phase(name, (now - since) / 1e9);
        return now;
    }

    /** Drops the staging tables; after the caller committed or rolled back. */
    @Override
    public void close() {
        sql(staging::close);
    }

    /**
     * Ends a stake at {@code at}, as {@link StagedClosings} does set-based: for a stake the file closes more
     * than once, whose closings apply in file order. Only one that {@code from}'s source stated under the same
     * record id (GLEIF states a direct and an ultimate parent separately; closing one must not close the
     * other). A stake that only came into force at or after {@code at} never held and is removed.
     */
    private void close(String ownedId, String ownerId, Instant at, Provenance from) throws SQLException {
        Instant validFrom;
        try (PreparedStatement select = connection.prepareStatement("select valid_from, valid_to, source,"
                + " source_record_id from stake where owned_id = ? and owner_id = ?")) {
            select.setString(1, ownedId);
            select.setString(2, ownerId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    report.skipped("closings of stakes the registry does not hold");
                    return;
                }
                java.time.OffsetDateTime from0 = row.getObject(1, java.time.OffsetDateTime.class);
                java.time.OffsetDateTime to0 = row.getObject(2, java.time.OffsetDateTime.class);
                if (!from.source().equals(row.getString(3))
                        || (from.recordId() != null
                                && row.getString(4) != null
                                && !from.recordId().equals(row.getString(4)))) {
                    report.skipped("closings of stakes another record stated");
                    return;
                }
                if (to0 != null && !to0.toInstant().isAfter(at)) {
                    report.skipped("closings of stakes already ended");
                    return;
                }
                validFrom = from0 == null ? null : from0.toInstant();
            }
        }
        String sql = validFrom != null && !validFrom.isBefore(at)
                ? "delete from stake where owned_id = ? and owner_id = ?"
                : "update stake set valid_to = ?, updated_at = ?, source_as_of = ? where owned_id = ? and owner_id = ?";
        try (PreparedStatement change = connection.prepareStatement(sql)) {
            int i = 1;
            if (sql.startsWith("update")) {
                change.setObject(i++, at.atOffset(java.time.ZoneOffset.UTC));
                change.setTimestamp(i++, now);
                if (from.asOf() == null) {
                    change.setNull(i++, Types.DATE);
                } else {
                    change.setDate(i++, Date.valueOf(from.asOf()));
                }
            }
            change.setString(i++, ownedId);
            change.setString(i, ownerId);
            change.executeUpdate();
        }
        report.stakeClosed();
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlValue<T> {
        T get() throws SQLException;
    }

    private static void sql(SqlStep step) {
        sql(() -> {
            step.run();
            return null;
        });
    }

    private static <T> T sql(SqlValue<T> step) {
        try {
            return step.get();
        } catch (SQLException e) {
            throw new ImportFailure("the registry database refused the import: " + e.getMessage(), e);
        }
    }

    /** The database failed under the import: not a record's fault, so the whole import stops. */
    public static final class ImportFailure extends RuntimeException {
        ImportFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
