package io.clearance.audit.resellers;

import io.clearance.engine.PolicyEngine;
import io.clearance.engine.facts.ResellerOversight;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.watch.WatchEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Raises a {@code reseller.alert} ({@link WatchEvent}, as a CDI event the watch service delivers) when a
 * reseller crosses the oversight threshold the serving rule set declares ({@link ResellerOversight}), once
 * per crossing: the crossing is a conditional update of the reseller's stored state from not crossed to
 * crossed, which succeeds once whichever instance or thread runs it; falling back below clears the alert,
 * so the next crossing raises a new one. Checked for every declared reseller on a schedule ({@code
 * clearance.resellers.oversight.every}) and for one reseller whenever its report is read.
 */
@ApplicationScoped
public class ResellerAlerts {

    private static final Logger LOG = Logger.getLogger(ResellerAlerts.class);

    private final ResellerQueries queries;
    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final DataSource dataSource;
    private final Event<WatchEvent> events;

    ResellerAlerts(
            ResellerQueries queries,
            PolicyEngine engine,
            OwnershipGraph graph,
            DataSource dataSource,
            Event<WatchEvent> events,
            ResellerConfig config) {
        LOG.debugf("reseller oversight checked every %s", config.oversight().every());
        this.queries = queries;
        this.engine = engine;
        this.graph = graph;
        this.dataSource = dataSource;
        this.events = events;
    }

    /** The threshold the serving rule set declares; empty when it declares none (nothing is watched). */
    public Optional<ResellerOversight> threshold() {
        return engine.active().declared(ResellerOversight.class).stream().findFirst();
    }

    /** Where the reseller stands against {@code threshold} over the window ending {@code now}. */
    public Standing standing(String resellerId, ResellerOversight threshold, Instant now) {
        ResellerQueries.Standing figures =
                queries.standing(resellerId, now.minus(Duration.ofDays(threshold.getDays())), now);
        // Exact: refused / requests > percent / 100, compared in whole numbers.
        boolean share = figures.requests() > 0
                && figures.refused() * 100 > (long) threshold.getRefusedPercent() * figures.requests();
        boolean customers = figures.refusedCustomers() > threshold.getRefusedCustomers();
        return new Standing(figures, customers || share);
    }

    /** The figures of a window and whether they cross the threshold. */
    public record Standing(ResellerQueries.Standing figures, boolean crossed) {

        /** Held-back requests as a percentage of answered ones, two decimals, for people to read. */
        public String refusedPercent() {
            return figures.requests() == 0
                    ? "0.00"
                    : BigDecimal.valueOf(figures.refused() * 100)
                            .divide(BigDecimal.valueOf(figures.requests()), 2, RoundingMode.HALF_UP)
                            .toPlainString();
        }
    }

    /** Checks every declared reseller; the schedule's job. */
    @Scheduled(
            every = "${clearance.resellers.oversight.every}",
            delay = 30,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkAll() {
        for (String resellerId : graph.customers().resellers()) {
            try {
                check(resellerId);
            } catch (RuntimeException e) {
                LOG.warnf("reseller oversight of `%s` could not be checked: %s", resellerId, e.getMessage());
            }
        }
    }

    /**
     * Compares the reseller with the threshold now; raises the alert when it has just crossed, clears it
     * when it has fallen back. Returns the alert raised by this call, if it raised one.
     */
    public Optional<WatchEvent> check(String resellerId) {
        Optional<ResellerOversight> declared = threshold();
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        ResellerOversight threshold = declared.get();
        Instant now = Instant.now();
        Standing standing = standing(resellerId, threshold, now);
        String detail = detail(threshold, standing);
        boolean raised =
                QuarkusTransaction.requiringNew().call(() -> flip(resellerId, standing.crossed(), now, detail));
        if (!raised) {
            return Optional.empty();
        }
        WatchEvent alert = new WatchEvent(
                WatchEvent.RESELLER_ALERT,
                resellerId,
                null,
                null,
                null,
                "oversight threshold (clause 5.5): more than " + threshold.getRefusedCustomers()
                        + " end customers held back or more than " + threshold.getRefusedPercent()
                        + "% of requests held back within " + threshold.getDays() + " days",
                List.of(),
                detail,
                now);
        events.fire(alert);
        LOG.infof("reseller `%s` crossed the oversight threshold: %s", resellerId, detail);
        return Optional.of(alert);
    }

    /** The alerts raised for a reseller between two instants, newest first. */
    public List<ResellerReport.Alert> alerts(String resellerId, Instant from, Instant to) {
        List<ResellerReport.Alert> alerts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select raised_at, cleared_at, detail from reseller_alert where reseller_id = ?"
                                + " and raised_at >= ? and raised_at <= ? order by raised_at desc, id desc")) {
            statement.setString(1, resellerId);
            statement.setObject(2, ts(from));
            statement.setObject(3, ts(to));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime cleared = rs.getObject(2, OffsetDateTime.class);
                    alerts.add(new ResellerReport.Alert(
                            rs.getObject(1, OffsetDateTime.class).toInstant().toString(),
                            cleared == null ? null : cleared.toInstant().toString(),
                            rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reseller alerts could not be read: " + e.getMessage(), e);
        }
        return alerts;
    }

    // In one transaction: move the stored state, and record (or clear) the alert when it moved.
    private boolean flip(String resellerId, boolean crossed, Instant now, String detail) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int moved;
            try (PreparedStatement update = connection.prepareStatement(
                    "update reseller_oversight set crossed = ?, changed_at = ? where reseller_id = ? and crossed = ?")) {
                update.setBoolean(1, crossed);
                update.setObject(2, ts(now));
                update.setString(3, resellerId);
                update.setBoolean(4, !crossed);
                moved = update.executeUpdate();
            }
            if (moved == 0) {
                if (!crossed || exists(connection, resellerId)) {
                    return false; // already where it stands, or never crossed: nothing to record
                }
                // First crossing ever: a concurrent first insert fails on the primary key and raises nothing.
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into reseller_oversight (reseller_id, crossed, changed_at) values (?, true, ?)")) {
                    insert.setString(1, resellerId);
                    insert.setObject(2, ts(now));
                    insert.executeUpdate();
                }
            }
            if (crossed) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into reseller_alert (reseller_id, raised_at, detail) values (?, ?, ?)")) {
                    insert.setString(1, resellerId);
                    insert.setObject(2, ts(now));
                    insert.setString(3, detail.length() > 1024 ? detail.substring(0, 1024) : detail);
                    insert.executeUpdate();
                }
                return true;
            }
            try (PreparedStatement clear = connection.prepareStatement(
                    "update reseller_alert set cleared_at = ? where reseller_id = ? and cleared_at is null")) {
                clear.setObject(1, ts(now));
                clear.setString(2, resellerId);
                clear.executeUpdate();
            }
            return false;
        }
    }

    private static boolean exists(Connection connection, String resellerId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select 1 from reseller_oversight where reseller_id = ?")) {
            select.setString(1, resellerId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String detail(ResellerOversight threshold, Standing standing) {
        ResellerQueries.Standing f = standing.figures();
        return f.refusedCustomers() + " end customers held back, " + f.refused() + " of " + f.requests()
                + " requests held back (" + standing.refusedPercent() + "%) in the last " + threshold.getDays()
                + " days; threshold: more than " + threshold.getRefusedCustomers() + " customers or more than "
                + threshold.getRefusedPercent() + "%";
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
