package io.clearance.watch;

import io.clearance.registry.outbox.InstanceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which instance delivers a watch event to a webhook, and the durable record of that delivery until it ends.
 * Every instance on one database follows the registry and so computes every decision change; without a claim
 * each would POST it, and a receiver would get each event once per instance. The first instance to insert the
 * event's {@link EventId} into {@code watch_delivery_claim} delivers it; the others find the row and leave it.
 *
 * <p>Why a claim per event rather than one instance holding a lock ({@code pg_try_advisory_lock}) and
 * delivering everything: with a claim per event, whoever claims delivers, any instance may, and none waits for
 * a lock to move. It costs one insert per event and watch, on the sender's database thread, never on the
 * thread that computes decisions.
 *
 * <p>The row is the system of record of the delivery, the sender's queue only its cache: it keeps the watch and
 * the JSON body as sent (so a resend carries the same id and, under the watch's secret, the same signature),
 * the state ({@value #PENDING}, {@value #DELIVERED}, {@value #DEAD_LETTERED}), the attempts made and when the
 * next is due, and a lease ({@code lease_until}) that the owner renews for all its pending rows in one update
 * every {@code clearance.watches.webhook.lease-renewal}. A pending row whose lease ran out (its instance died or
 * is stuck) is taken over by the first instance whose sweep updates it (a conditional update, one winner; on
 * PostgreSQL {@code FOR UPDATE SKIP LOCKED} so that sweeps do not queue on each other), and sent again. A
 * restarted instance takes up its own pending rows at once (and gives up the lease of those its queue has no
 * room for). An event beyond an instance's queue is written pending with no lease (spilled): any instance with
 * room takes it. A stuck owner that wakes up may still send its copy: a receiver drops it by its id.
 *
 * <p>A claim names its instance and is kept for {@code clearance.watches.webhook.claim-window} once it ended,
 * longer than one instance may lag another in following the registry or the rule sets. The same event can
 * legitimately happen again (a rule set activated, rolled back and activated again flips a party twice with
 * the same cause), so a claim is taken again when it is this instance's own (an instance computes each change
 * once: twice is a repeat, not a copy) or ended and older than the window (and then pruned). Every choice
 * errs towards a second delivery, never towards none: a receiver drops a copy by its id, it cannot recover a
 * lost event.
 */
@ApplicationScoped
public class DeliveryClaims implements WebhookClaims {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD_LETTERED = "dead-lettered";

    private static final Logger LOG = Logger.getLogger(DeliveryClaims.class);
    private static final String COLUMNS = "event_id, watch_id, body, attempts, next_attempt_at, claim_token";

    private final DataSource dataSource;
    private final InstanceId instance;
    private final Duration window;
    private final Duration lease;
    private final boolean postgres;
    private final Counter takenOver;
    // Outcomes the database could not record when they came, written again before the next renewal: a row left
    // pending would be renewed by this instance for ever and never sent again.
    private final Queue<Runnable> unrecorded = new ConcurrentLinkedQueue<>();
    // invariant: read and written by the sender's one database thread (no method is called concurrently).
    private Instant lastPruned = Instant.EPOCH;

    DeliveryClaims(
            DataSource dataSource,
            InstanceId instance,
            WatchConfig config,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.window = config.webhook().claimWindow();
        this.lease = config.webhook().lease();
        this.postgres = dbKind.toLowerCase(Locale.ROOT).startsWith("postgres");
        this.takenOver = Counter.builder("clearance.webhook.taken.over")
                .description("Pending webhook deliveries this instance took from the database: another instance's"
                        + " whose lease ran out, its own after a restart, or ones no instance held")
                .register(metrics);
    }

    /**
     * This instance is to deliver {@code eventId}: it inserted the claim, or took again its own or an ended one
     * older than the window. Returns the claim's token (what its outcome is recorded under); empty when another
     * instance delivers it. Throws when the database cannot be asked (the sender then delivers).
     */
    @Override
    public Optional<String> claim(String eventId, String watchId, String body) {
        return claim(eventId, watchId, body, true);
    }

    /** Claims {@code eventId} unleased: pending for whichever instance's sweep has room. */
    @Override
    public void spill(String eventId, String watchId, String body) {
        claim(eventId, watchId, body, false);
    }

    private Optional<String> claim(String eventId, String watchId, String body, boolean held) {
        Instant now = Instant.now();
        OffsetDateTime leaseUntil = held ? utc(now.plus(lease)) : null;
        String token = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection()) {
            if (inserted(connection, eventId, watchId, body, token, now, leaseUntil)
                    || retaken(connection, eventId, watchId, body, token, now, leaseUntil)) {
                prune(connection, now);
                return Optional.of(token);
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("delivery claim of " + eventId + ": " + e.getMessage(), e);
        }
    }

    private boolean inserted(
            Connection connection,
            String eventId,
            String watchId,
            String body,
            String token,
            Instant now,
            OffsetDateTime leaseUntil)
            throws SQLException {
        String insert = "insert into watch_delivery_claim (event_id, instance_id, claimed_at, watch_id, body, state,"
                + " attempts, lease_until, claim_token) values (?, ?, ?, ?, ?, '" + PENDING + "', 0, ?, ?)";
        // On PostgreSQL a conflict is no error (a failed insert would be logged by the server on every copy).
        try (PreparedStatement statement =
                connection.prepareStatement(postgres ? insert + " on conflict (event_id) do nothing" : insert)) {
            statement.setString(1, eventId);
            statement.setString(2, instance.id());
            statement.setObject(3, utc(now));
            statement.setString(4, watchId);
            statement.setString(5, body);
            setLease(statement, 6, leaseUntil);
            statement.setString(7, token);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!postgres && "23505".equals(e.getSQLState())) {
                return false; // H2: another claimed it first
            }
            throw e;
        }
    }

    // Another instance finds the row updated by whoever took it first (the row lock orders them): one takes it.
    // Another instance's pending row is never taken here: its owner sends it, or the sweep takes it over.
    private boolean retaken(
            Connection connection,
            String eventId,
            String watchId,
            String body,
            String token,
            Instant now,
            OffsetDateTime leaseUntil)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("update watch_delivery_claim set"
                + " instance_id = ?, claimed_at = ?, watch_id = ?, body = ?, state = '" + PENDING + "', attempts = 0,"
                + " next_attempt_at = null, lease_until = ?, claim_token = ? where event_id = ?"
                + " and (instance_id = ? or (claimed_at < ? and state <> '" + PENDING + "'))")) {
            statement.setString(1, instance.id());
            statement.setObject(2, utc(now));
            statement.setString(3, watchId);
            statement.setString(4, body);
            setLease(statement, 5, leaseUntil);
            statement.setString(6, token);
            statement.setString(7, eventId);
            statement.setString(8, instance.id());
            statement.setObject(9, utc(now.minus(window)));
            return statement.executeUpdate() == 1;
        }
    }

    // At most once a window, on a claim that delivers: the table holds about one window of ended deliveries.
    private void prune(Connection connection, Instant now) {
        if (lastPruned.plus(window).isAfter(now)) {
            return;
        }
        lastPruned = now;
        try (PreparedStatement statement = connection.prepareStatement(
                "delete from watch_delivery_claim where claimed_at < ? and state <> '" + PENDING + "'")) {
            statement.setObject(1, utc(now.minus(window)));
            int pruned = statement.executeUpdate();
            LOG.debugf("%d ended delivery claim(s) older than %s pruned", pruned, window);
        } catch (SQLException e) {
            LOG.warnf("delivery claims could not be pruned (%s); the next window tries again", e.getMessage());
        }
    }

    /** The delivery of {@code eventId} under {@code token} ended: {@link #DELIVERED} or {@link #DEAD_LETTERED}. */
    @Override
    public void ended(String eventId, String token, String state) {
        record(
                () -> update(
                        "update watch_delivery_claim set state = ?, lease_until = null"
                                + " where event_id = ? and claim_token = ?",
                        state,
                        eventId,
                        token),
                eventId);
    }

    /** The attempt {@code attempts} of {@code eventId} failed; the next is due at {@code next}. */
    @Override
    public void retrying(String eventId, String token, int attempts, Instant next) {
        record(
                () -> update(
                        "update watch_delivery_claim set attempts = ?, next_attempt_at = ?"
                                + " where event_id = ? and claim_token = ?",
                        attempts,
                        utc(next),
                        eventId,
                        token),
                eventId);
    }

    /** Renews the lease of every pending row this instance holds: one update, whatever their number. */
    @Override
    public void renew() {
        for (int left = unrecorded.size(); left > 0; left--) {
            Runnable outcome = unrecorded.poll();
            if (outcome != null) {
                outcome.run();
            }
        }
        update(
                "update watch_delivery_claim set lease_until = ? where instance_id = ? and state = '" + PENDING
                        + "' and lease_until is not null",
                utc(Instant.now().plus(lease)),
                instance.id());
    }

    /**
     * Takes up at most {@code max} of the pending rows this instance's previous process left (their events were
     * in its memory), at the start, and gives up the lease of the rest, so that any instance with room (this one
     * at its next sweep) takes them.
     */
    @Override
    public List<WebhookClaims.Held> resume(int max) {
        String token = UUID.randomUUID().toString();
        List<WebhookClaims.Held> held =
                take(token, max, "instance_id = ? and state = '" + PENDING + "'", instance.id());
        update(
                "update watch_delivery_claim set lease_until = null where instance_id = ? and state = '" + PENDING
                        + "' and (claim_token is null or claim_token <> ?)",
                instance.id(),
                token);
        return held;
    }

    /**
     * Takes at most {@code max} pending rows that nobody holds: another instance's whose lease ran out, or with no
     * lease (given up). One winner per row: the update's condition is checked again on the locked row.
     */
    @Override
    public List<WebhookClaims.Held> takeOver(int max) {
        OffsetDateTime now = utc(Instant.now());
        return take(
                UUID.randomUUID().toString(),
                max,
                "state = '" + PENDING + "' and (lease_until is null or (lease_until < ? and instance_id <> ?))",
                now,
                instance.id());
    }

    // Takes the rows `free` selects, at most `max`, under a new token, and reads back those it won by the token.
    private List<WebhookClaims.Held> take(String token, int max, String free, Object... parameters) {
        if (max <= 0) {
            return List.of();
        }
        Instant now = Instant.now();
        List<WebhookClaims.Held> held = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement take = connection.prepareStatement("update watch_delivery_claim"
                    + " set instance_id = ?, lease_until = ?, claim_token = ? where " + free
                    + " and event_id in (select event_id from watch_delivery_claim where " + free
                    + " fetch first ? rows only" + (postgres ? " for update skip locked)" : ")"))) {
                int at = 1;
                take.setString(at++, instance.id());
                take.setObject(at++, utc(now.plus(lease)));
                take.setString(at++, token);
                for (int round = 0; round < 2; round++) {
                    for (Object parameter : parameters) {
                        take.setObject(at++, parameter);
                    }
                }
                take.setInt(at, max);
                if (take.executeUpdate() == 0) {
                    return List.of();
                }
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "select " + COLUMNS + " from watch_delivery_claim where claim_token = ?")) {
                read.setString(1, token);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        OffsetDateTime next = rows.getObject(5, OffsetDateTime.class);
                        held.add(new WebhookClaims.Held(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getInt(4),
                                next == null ? now : next.toInstant(),
                                rows.getString(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pending deliveries could not be taken: " + e.getMessage(), e);
        }
        takenOver.increment(held.size());
        return held;
    }

    // An outcome the database could not record now is kept and written again before the next renewal.
    private void record(Runnable outcome, String eventId) {
        try {
            outcome.run();
        } catch (RuntimeException e) {
            LOG.warnf("the outcome of delivery %s could not be recorded (%s); tried again", eventId, e.getMessage());
            unrecorded.add(() -> record(outcome, eventId));
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // A null lease is typed, so that PostgreSQL need not guess the type of the parameter.
    private static void setLease(PreparedStatement statement, int index, OffsetDateTime leaseUntil)
            throws SQLException {
        if (leaseUntil == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, leaseUntil);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
