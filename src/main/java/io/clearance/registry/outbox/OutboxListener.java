package io.clearance.registry.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the follower as soon as another instance commits a registry change: {@code LISTEN} on a connection of
 * its own, taken from the datasource's pool (unwrapped to pgjdbc's {@link PGConnection}, read with {@link
 * PGConnection#getNotifications(int)}) and destroyed, never given back, when it ends. A broken connection is opened again
 * with a doubling pause; after every (re)connect the follower is woken once, since whatever was committed while
 * no one listened announced itself to nobody. Only a wake-up: the outbox is what the follower reads.
 *
 * <p>The same connection listens on the channels subscribed in {@link Notices} (a policy release), picked up
 * within a wait of being subscribed, and wakes their subscribers alike; one listening session per instance.
 */
final class OutboxListener {

    private static final Logger LOG = Logger.getLogger(OutboxListener.class);
    private static final int WAIT_MILLIS = 1000;
    // A silent connection is proved alive this often (in waits): a dropped socket may not say so by itself.
    private static final int CHECK_EVERY = 10;

    private final RegistryOutbox outbox;
    private final Duration maxBackoff;
    private final LongConsumer announced;
    private final Notices notices;
    private final Thread thread;
    private volatile boolean running = true;

    OutboxListener(RegistryOutbox outbox, Duration maxBackoff, LongConsumer announced) {
        this(outbox, maxBackoff, announced, null);
    }

    /** Listening on {@code notices}' channels too ({@code null}: the registry's alone). */
    OutboxListener(RegistryOutbox outbox, Duration maxBackoff, LongConsumer announced, Notices notices) {
        this.outbox = outbox;
        this.maxBackoff = maxBackoff;
        this.announced = announced;
        this.notices = notices;
        this.thread = new Thread(this::run, "clearance-registry-listener");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        long backoff = 100;
        while (running) {
            Connection opened = null;
            try {
                opened = outbox.listenConnection();
                PGConnection pg = opened.unwrap(PGConnection.class);
                try (Statement listen = opened.createStatement()) {
                    listen.execute("LISTEN " + RegistryOutbox.CHANNEL);
                }
                backoff = 100;
                Set<String> others = new HashSet<>();
                listenToNew(opened, others);
                announced.accept(-1);
                if (notices != null) {
                    notices.wakeAll();
                }
                listen(opened, pg, others);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("registry change listener lost its connection (%s); again in %d ms", e.getMessage(), backoff);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, Math.max(100, maxBackoff.toMillis()));
            } finally {
                if (opened != null) {
                    RegistryOutbox.dropListenConnection(opened);
                }
            }
        }
    }

    // LISTENs on the channels subscribed since the last look; `listening` is what this session listens on.
    private void listenToNew(Connection opened, Set<String> listening) throws SQLException {
        if (notices == null || listening.containsAll(notices.channels())) {
            return;
        }
        for (String channel : notices.channels()) {
            if (listening.add(channel)) {
                try (Statement listen = opened.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                // A notice sent before this LISTEN reached no one here: the subscriber looks once now.
                notices.wake(channel);
            }
        }
    }

    private void listen(Connection opened, PGConnection pg, Set<String> others) throws SQLException {
        int silent = 0;
        while (running) {
            listenToNew(opened, others);
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications == null || notifications.length == 0) {
                if (++silent >= CHECK_EVERY) {
                    silent = 0;
                    // LISTEN again rather than `select 1`: a no-op on a live session that proves it, and the
                    // session goes on showing what it is there for (pg_stat_activity's last query).
                    try (Statement check = opened.createStatement()) {
                        check.execute("LISTEN " + RegistryOutbox.CHANNEL);
                    }
                }
                continue;
            }
            silent = 0;
            long highest = -1;
            boolean registry = false;
            Set<String> woken = new HashSet<>();
            for (PGNotification notification : notifications) {
                if (RegistryOutbox.CHANNEL.equals(notification.getName())) {
                    registry = true;
                    highest = Math.max(highest, sequenceOf(notification.getParameter()));
                } else {
                    woken.add(notification.getName());
                }
            }
            if (registry) {
                announced.accept(highest);
            }
            for (String channel : woken) {
                notices.wake(channel); // once per channel and batch: a wake-up reads everything new anyway
            }
        }
    }

    private static long sequenceOf(String payload) {
        try {
            return Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return -1; // a wake-up all the same
        }
    }
}
