package io.clearance.registry.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wake-ups other than the registry's that ride on the registry's {@link OutboxListener}: its one listening
 * connection {@code LISTEN}s on every channel subscribed here too and runs the channel's wake-ups, so that a
 * component that wants to hear at once what another instance did (a policy release) adds no connection and no
 * thread of its own. A notice is only a wake-up: what changed is read from the database, and the subscriber
 * keeps a poll for a notice that was lost (the listener was reconnecting, or the instance listens not at all:
 * H2, or {@code clearance.registry.follow.listen=false}). After every (re)connect of the listener every
 * subscriber is woken once, as the registry follower is, since notices sent meanwhile reached no one.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);
    // A channel is written into `LISTEN <channel>`, which takes no parameter: only plain names are accepted.
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final boolean postgres;
    private final Map<String, CopyOnWriteArrayList<Runnable>> wakes = new ConcurrentHashMap<>();

    Notices(DataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.postgres = RegistryOutbox.isPostgres(dbKind);
    }

    /** Runs {@code wake} (on the listener's thread: it must hand real work on) whenever {@code channel} is notified. */
    public void subscribe(String channel, Runnable wake) {
        if (!CHANNEL.matcher(channel).matches() || channel.equals(RegistryOutbox.CHANNEL)) {
            throw new IllegalArgumentException("not a channel one may subscribe to: " + channel);
        }
        wakes.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(wake);
    }

    /**
     * Wakes every instance that subscribed to {@code channel} (this one included), on PostgreSQL; nothing
     * elsewhere. Sent on a connection of its own, outside any transaction of the caller's: call it once what
     * the others will read is committed. A failure is logged and swallowed: the subscribers' poll makes it good.
     */
    public void announce(String channel) {
        if (!postgres) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("select pg_notify(?, '')")) {
            notify.setString(1, channel);
            notify.executeQuery().close();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("could not announce on %s (%s): the other instances' poll sees it", channel, e.toString());
        }
    }

    /** The channels subscribed to so far: the listener {@code LISTEN}s on each, including those added later. */
    Set<String> channels() {
        return wakes.keySet();
    }

    void wake(String channel) {
        for (Runnable wake : wakes.getOrDefault(channel, new CopyOnWriteArrayList<>())) {
            try {
                wake.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "a wake-up on %s failed", channel);
            }
        }
    }

    void wakeAll() {
        for (String channel : wakes.keySet()) {
            wake(channel);
        }
    }
}
