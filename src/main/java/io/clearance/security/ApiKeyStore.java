package io.clearance.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The API keys, in table {@code api_key}, with a copy of the table in memory so that authenticating a
 * request reads no database. The copy changes only through this class, right after each commit: a revoked
 * key fails from the next request on.
 *
 * <p>invariant: one Clearance instance per database (as for the audit log); a second instance would not see
 * another's revocations until it restarts.
 */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS =
            "id, name, roles, secret_hash, created_at, created_by, expires_at, revoked_at, revoked_by";

    private final DataSource dataSource;
    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    ApiKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the in-memory copy is ready; until it is, a lookup reads the database ({@link #load()}). */
    boolean loaded() {
        return loaded;
    }

    /** Reads the table into memory. */
    public synchronized void load() {
        Map<String, ApiKey> read = new ConcurrentHashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from api_key");
                    ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ApiKey key = read(rows);
                    read.put(key.id(), key);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the API keys: " + e.getMessage(), e);
            }
        });
        byId.clear();
        byId.putAll(read);
        loaded = true;
    }

    public Optional<ApiKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every key ever created, revoked ones included, oldest first. */
    public List<ApiKey> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Stores a new key's hash; the key itself is not kept. */
    public synchronized ApiKey create(
            String id, String key, String name, Set<String> roles, Instant expiresAt, String createdBy) {
        ApiKey stored = new ApiKey(
                id, name, Set.copyOf(roles), ApiKeySecret.hash(key), now(), createdBy, expiresAt, null, null);
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "insert into api_key (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, stored.id());
                s.setString(2, stored.name());
                s.setString(3, String.join(",", new java.util.TreeSet<>(stored.roles())));
                s.setString(4, stored.secretHash());
                s.setObject(5, utc(stored.createdAt()));
                s.setString(6, stored.createdBy());
                s.setObject(7, expiresAt == null ? null : utc(expiresAt));
                s.setObject(8, null);
                s.setString(9, null);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not store the API key: " + e.getMessage(), e);
            }
        });
        byId.put(stored.id(), stored);
        return stored;
    }

    /** Revokes a key; empty when there is no such key. Revoking a revoked key changes nothing. */
    public synchronized Optional<ApiKey> revoke(String id, String by) {
        ApiKey key = byId.get(id);
        if (key == null) {
            return Optional.empty();
        }
        if (key.revokedAt() != null) {
            return Optional.of(key);
        }
        ApiKey revoked = key.revoked(now(), by);
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "update api_key set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")) {
                s.setObject(1, utc(revoked.revokedAt()));
                s.setString(2, by);
                s.setString(3, id);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not revoke the API key: " + e.getMessage(), e);
            }
        });
        byId.put(id, revoked);
        return Optional.of(revoked);
    }

    // Both databases keep microseconds: truncate so that what memory holds equals what a reload reads.
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static ApiKey read(ResultSet r) throws SQLException {
        Set<String> roles = Arrays.stream(r.getString(3).split(","))
                .filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new ApiKey(
                r.getString(1),
                r.getString(2),
                Set.copyOf(roles),
                r.getString(4),
                instant(r, 5),
                r.getString(6),
                instant(r, 7),
                instant(r, 8),
                r.getString(9));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime at = r.getObject(column, OffsetDateTime.class);
        if (at != null) {
            return at.toInstant();
        }
        Timestamp ts = r.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
