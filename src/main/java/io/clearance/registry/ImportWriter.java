package io.clearance.registry;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an import into a registry that may already hold parties and stakes, on one JDBC connection whose
 * transaction the caller commits or rolls back: records are buffered and written in batches (one query
 * finds what is stored, then inserts and updates go as JDBC batches), so memory stays bounded by the batch.
 *
 * <p>A record replaces what is stored only when its source has the same or a higher precedence
 * ({@link ImportPrecedence}); otherwise it is counted as kept. A stake whose parties are not known yet is
 * held back until the end (sources do not always list parties first); one still without its parties then
 * is refused with its line. {@link #finish()} checks the 100% rule over every party's stakes.
 */
public final class ImportWriter implements RegistrySink {

    static final int BATCH = 1_000;
    private static final int MAX_HELD_BACK = 1_000_000;

    private record PendingParty(PartyInfo party, Provenance from, boolean ifAbsent, long line, String recordId) {}

    private record PendingStake(
            String ownedId, String ownerId, StakeTerms terms, Provenance from, long line, String recordId) {
        String key() {
            return ownedId + "\u0000" + ownerId;
        }
    }

    private final Connection connection;
    private final ImportPrecedence precedence;
    private final ImportReport report;
    private final Timestamp now;
    private final Map<String, PendingParty> parties = new LinkedHashMap<>();
    private final Map<String, PendingStake> stakes = new LinkedHashMap<>();
    private final List<PendingStake> heldBack = new ArrayList<>();
    private boolean stakesWritten;

    public ImportWriter(Connection connection, ImportPrecedence precedence, ImportReport report) {
        this.connection = connection;
        this.precedence = precedence;
        this.report = report;
        this.now = Timestamp.from(Instant.now());
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
        PartyRules.checkParty(party);
        parties.put(party.id(), new PendingParty(party, from, false, report.line(), report.recordId()));
        if (parties.size() >= BATCH) {
            sql(this::flushParties);
        }
    }

    @Override
    public void partyIfAbsent(PartyInfo party, Provenance from) {
        PartyRules.checkParty(party);
        parties.putIfAbsent(party.id(), new PendingParty(party, from, true, report.line(), report.recordId()));
        if (parties.size() >= BATCH) {
            sql(this::flushParties);
        }
    }

    @Override
    public void stake(String ownedId, String ownerId, StakeTerms terms, Provenance from) {
        PartyRules.checkId(ownedId);
        PartyRules.checkId(ownerId);
        PartyRules.checkTerms(terms);
        if (ownedId.equals(ownerId)) {
            throw new RegistryRejection(ErrorCode.SELF_OWNERSHIP, "party `" + ownedId + "` cannot own itself");
        }
        PendingStake stake = new PendingStake(ownedId, ownerId, terms, from, report.line(), report.recordId());
        stakes.remove(stake.key()); // a restatement moves to the end: the last statement wins
        stakes.put(stake.key(), stake);
        if (stakes.size() >= BATCH) {
            sql(() -> {
                flushParties();
                flushStakes(new ArrayList<>(stakes.values()), false);
                stakes.clear();
            });
        }
    }

    @Override
    public void endStake(String ownedId, String ownerId, Instant at, Provenance from) {
        PartyRules.checkId(ownedId);
        PartyRules.checkId(ownerId);
        sql(() -> {
            flushParties();
            flushStakes(new ArrayList<>(stakes.values()), false);
            stakes.clear();
            close(ownedId, ownerId, at, from);
        });
    }

    /** Writes what is buffered, the stakes held back, and checks the 100% rule; the caller then commits. */
    public void finish() {
        sql(() -> {
            flushParties();
            flushStakes(new ArrayList<>(stakes.values()), false);
            stakes.clear();
            List<PendingStake> retry = new ArrayList<>(heldBack);
            heldBack.clear();
            for (int from = 0; from < retry.size(); from += BATCH) {
                flushStakes(retry.subList(from, Math.min(retry.size(), from + BATCH)), true);
            }
            if (stakesWritten) {
                ShareCheck.all(connection, report);
            }
        });
    }

    private void flushParties() throws SQLException {
        if (parties.isEmpty()) {
            return;
        }
        Map<String, String> stored = new HashMap<>();
        Map<String, Boolean> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, source from party where id in (" + marks(parties.size()) + ")")) {
            int i = 1;
            for (String id : parties.keySet()) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), true);
                    stored.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                        "insert into party (name, kind, country, nationality, updated_at, source, source_record_id,"
                                + " source_as_of, id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement(
                        "update party set name = ?, kind = ?, country = ?, nationality = ?, updated_at = ?,"
                                + " source = ?, source_record_id = ?, source_as_of = ? where id = ?")) {
            for (PendingParty pending : parties.values()) {
                PartyInfo party = pending.party();
                boolean exists = found.containsKey(party.id());
                if (exists && pending.ifAbsent()) {
                    continue;
                }
                if (exists && !precedence.replaces(pending.from().source(), stored.get(party.id()))) {
                    report.kept(stored.get(party.id()));
                    continue;
                }
                PreparedStatement statement = exists ? update : insert;
                statement.setString(1, party.name());
                statement.setString(2, party.kind().name());
                statement.setString(3, party.country());
                statement.setString(4, party.nationality());
                statement.setTimestamp(5, now);
                provenance(statement, 6, pending.from());
                statement.setString(9, party.id());
                if (!exists) {
                    insert.setTimestamp(10, now);
                }
                statement.addBatch();
                report.partyWritten();
            }
            insert.executeBatch();
            update.executeBatch();
        }
        parties.clear();
    }

    /**
     * Writes {@code batch}; a stake naming a party the registry does not hold is held back for the end, or,
     * when {@code last}, refused.
     */
    private void flushStakes(List<PendingStake> batch, boolean last) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(s -> {
            ids.add(s.ownedId());
            ids.add(s.ownerId());
        });
        Set<String> known = known(ids);
        Map<String, String> stored = storedSources(batch);
        try (PreparedStatement insert = connection.prepareStatement("insert into stake (" + StakeColumns.COLUMNS
                        + ", updated_at, source, source_record_id, source_as_of, owned_id, owner_id, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = connection.prepareStatement("update stake set percent = ?,"
                        + " min_percent = ?, min_exclusive = ?, max_percent = ?, max_exclusive = ?, control = ?,"
                        + " valid_from = ?, valid_to = ?, updated_at = ?, source = ?, source_record_id = ?,"
                        + " source_as_of = ? where owned_id = ? and owner_id = ?")) {
            for (PendingStake stake : batch) {
                if (!known.contains(stake.ownedId()) || !known.contains(stake.ownerId())) {
                    String missing = known.contains(stake.ownedId()) ? stake.ownerId() : stake.ownedId();
                    if (last || heldBack.size() >= MAX_HELD_BACK) {
                        report.reject(
                                stake.line(),
                                stake.recordId(),
                                ErrorCode.UNKNOWN_PARTY,
                                "no party with id `" + missing + "` in the registry or the file");
                    } else {
                        heldBack.add(stake);
                    }
                    continue;
                }
                boolean exists = stored.containsKey(stake.key());
                if (exists && !precedence.replaces(stake.from().source(), stored.get(stake.key()))) {
                    report.kept(stored.get(stake.key()));
                    continue;
                }
                PreparedStatement statement = exists ? update : insert;
                StakeColumns.of(stake.terms()).bind(statement, 1);
                statement.setTimestamp(9, now);
                provenance(statement, 10, stake.from());
                statement.setString(13, stake.ownedId());
                statement.setString(14, stake.ownerId());
                if (!exists) {
                    insert.setTimestamp(15, now);
                }
                statement.addBatch();
                report.stakeWritten();
                stakesWritten = true;
            }
            insert.executeBatch();
            update.executeBatch();
        }
    }

    private Set<String> known(Collection<String> ids) throws SQLException {
        Set<String> known = new java.util.HashSet<>();
        try (PreparedStatement select =
                connection.prepareStatement("select id from party where id in (" + marks(ids.size()) + ")")) {
            int i = 1;
            for (String id : ids) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString(1));
                }
            }
        }
        return known;
    }

    /**
     * The source of each stake of {@code batch} the registry holds, by key (null source: the API). Selected by
     * the owned parties alone, the primary key's leading column, so that the database walks its index.
     */
    private Map<String, String> storedSources(List<PendingStake> batch) throws SQLException {
        Set<String> owned = new LinkedHashSet<>();
        Set<String> keys = new java.util.HashSet<>();
        batch.forEach(s -> {
            owned.add(s.ownedId());
            keys.add(s.key());
        });
        Map<String, String> stored = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select owned_id, owner_id, source from stake where owned_id in (" + marks(owned.size()) + ")")) {
            int i = 1;
            for (String id : owned) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1) + "\u0000" + rows.getString(2);
                    if (keys.contains(key)) {
                        stored.put(key, rows.getString(3));
                    }
                }
            }
        }
        return stored;
    }

    /**
     * Ends a stake at {@code at}: only one that {@code from}'s source stated under the same record id (GLEIF
     * states a direct and an ultimate parent separately; closing one must not close the other). A stake that
     * only came into force at or after {@code at} never held and is removed.
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

    private static void provenance(PreparedStatement statement, int first, Provenance from) throws SQLException {
        statement.setString(first, from.source());
        statement.setString(first + 1, from.recordId());
        if (from.asOf() == null) {
            statement.setNull(first + 2, Types.DATE);
        } else {
            statement.setDate(first + 2, Date.valueOf(from.asOf()));
        }
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    private static void sql(SqlStep step) {
        try {
            step.run();
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
