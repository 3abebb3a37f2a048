package io.clearance.watch;

import io.clearance.registry.outbox.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which instance delivers a {@code decision.changed} event to a webhook. Every instance on one database follows
 * the registry and so computes every decision change; without a claim each would POST it, and a receiver would
 * get each event once per instance. The first instance to insert the event's {@link EventId} into
 * {@code watch_delivery_claim} delivers it; the others find the row and leave it.
 *
 * <p>Why a claim per event rather than one instance holding a lock ({@code pg_try_advisory_lock}) and
 * delivering everything: at a handover (the holder dies) the events the dead holder had computed and not sent
 * are lost and the new holder cannot know which; with a claim per event, whoever claims delivers, any instance
 * may, and none waits for a lock to move. It costs one insert per event and watch, on the sender's claim
 * thread, never on the thread that computes decisions.
 *
 * <p>A claim names its instance and is kept for {@code clearance.watches.webhook.claim-window}, longer than one
 * instance may lag another in following the registry or the rule sets. The same event can legitimately happen
 * again (a rule set activated, rolled back and activated again flips a party twice with the same cause), so a
 * claim is taken again when it is this instance's own (an instance computes each change once: twice is a
 * repeat, not a copy) or older than the window (and then pruned). Both err towards a second delivery, never
 * towards none: a receiver drops a copy by its id, it cannot recover a lost event. An instance that dies with
 * claimed events still queued loses them, as a single instance always did: the delivery queue is in memory.
 */
@ApplicationScoped
public class DeliveryClaims implements WebhookSender.Claims {

    private static final Logger LOG = Logger.getLogger(DeliveryClaims.class);

    private final DataSource dataSource;
    private final InstanceId instance;
    private final Duration window;
    private final boolean postgres;
    // invariant: read and written by the sender's one claim thread (claim is not called concurrently).
    private Instant lastPruned = Instant.EPOCH;

    DeliveryClaims(
            DataSource dataSource,
            InstanceId instance,
            WatchConfig config,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.window = config.webhook().claimWindow();
        this.postgres = dbKind.toLowerCase(Locale.ROOT).startsWith("postgres");
    }

    /**
     * True when this instance is to deliver {@code eventId}: it inserted the claim, or took again its own
     * or one older than the window. Throws when the database cannot be asked (the sender then delivers).
     */
    @Override
    public boolean claim(String eventId) {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            if (inserted(connection, eventId, now) || retaken(connection, eventId, now)) {
                prune(connection, now);
                return true;
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("delivery claim of " + eventId + ": " + e.getMessage(), e);
        }
    }

    private boolean inserted(Connection connection, String eventId, Instant now) throws SQLException {
        String insert = "insert into watch_delivery_claim (event_id, instance_id, claimed_at) values (?, ?, ?)";
        // On PostgreSQL a conflict is no error (a failed insert would be logged by the server on every copy).
        try (PreparedStatement statement =
                connection.prepareStatement(postgres ? insert + " on conflict (event_id) do nothing" : insert)) {
            statement.setString(1, eventId);
            statement.setString(2, instance.id());
            statement.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!postgres && "23505".equals(e.getSQLState())) {
                return false; // H2: another claimed it first
            }
            throw e;
        }
    }

    // Another instance finds the row updated by whoever took it first (the row lock orders them): one takes it.
    private boolean retaken(Connection connection, String eventId, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("update watch_delivery_claim"
                + " set instance_id = ?, claimed_at = ? where event_id = ? and (instance_id = ? or claimed_at < ?)")) {
            statement.setString(1, instance.id());
            statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            statement.setString(3, eventId);
            statement.setString(4, instance.id());
            statement.setObject(5, OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC));
            return statement.executeUpdate() == 1;
        }
    }

    // At most once a window, on a claim that delivers: the table holds about one window of events.
    private void prune(Connection connection, Instant now) {
        if (lastPruned.plus(window).isAfter(now)) {
            return;
        }
        lastPruned = now;
        try (PreparedStatement statement =
                connection.prepareStatement("delete from watch_delivery_claim where claimed_at < ?")) {
            statement.setObject(1, OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC));
            int pruned = statement.executeUpdate();
            LOG.debugf("%d delivery claim(s) older than %s pruned", pruned, window);
        } catch (SQLException e) {
            LOG.warnf("delivery claims could not be pruned (%s); the next window tries again", e.getMessage());
        }
    }
}
