package io.clearance.audit.resellers;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The SQL behind a reseller's report and its oversight: every figure is an aggregate the database computes
 * over the shipped audit records ({@code audit_chain_record}, {@code audit_chain_rule}), so a reseller with
 * millions of requests costs a few grouped rows, never its records. Plain SQL that H2 and PostgreSQL both
 * read. A reseller's decisions are the records whose subject it is; "held back" means DENY or REVIEW.
 */
@ApplicationScoped
public class ResellerQueries {

    private static final String WINDOW = " a.subject_id = ? and a.decided_at >= ? and a.decided_at <= ?";
    private static final String HELD_BACK = " a.outcome in ('DENY', 'REVIEW')";
    // One record, whichever chain it is on.
    private static final String RECORD = "a.chain_id || '/' || cast(a.seq as varchar(20))";

    private final DataSource dataSource;

    ResellerQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Decisions counted by action and outcome. */
    public List<Count> byActionAndOutcome(String resellerId, Instant from, Instant to) {
        List<Count> counts = new ArrayList<>();
        run(
                "select coalesce(a.action, '(none)'), a.outcome, count(*) from audit_chain_record a where" + WINDOW
                        + " group by a.action, a.outcome",
                List.of(resellerId, ts(from), ts(to)),
                rs -> counts.add(new Count(rs.getString(1), rs.getString(2), rs.getLong(3))));
        return counts;
    }

    /** Distinct end customers named in answered requests. */
    public long endCustomers(String resellerId, Instant from, Instant to) {
        return single(
                "select count(distinct a.on_behalf_of_id) from audit_chain_record a where" + WINDOW
                        + " and a.on_behalf_of_id is not null and a.outcome <> 'REJECTED'",
                List.of(resellerId, ts(from), ts(to)));
    }

    /** Answered requests that named no end customer. */
    public long withoutEndCustomer(String resellerId, Instant from, Instant to) {
        return single(
                "select count(*) from audit_chain_record a where" + WINDOW
                        + " and a.on_behalf_of_id is null and a.outcome <> 'REJECTED'",
                List.of(resellerId, ts(from), ts(to)));
    }

    /** The rules that held back requests for an end customer, per customer: what the kinds are read from. */
    public List<CustomerRule> heldBackRules(String resellerId, Instant from, Instant to) {
        List<CustomerRule> rules = new ArrayList<>();
        run(
                "select distinct a.on_behalf_of_id, r.rule from audit_chain_record a join audit_chain_rule r"
                        + " on r.chain_id = a.chain_id and r.seq = a.seq where" + WINDOW + " and" + HELD_BACK
                        + " and a.on_behalf_of_id is not null",
                List.of(resellerId, ts(from), ts(to)),
                rs -> rules.add(new CustomerRule(rs.getString(1), rs.getString(2))));
        return rules;
    }

    /**
     * Held-back requests per end customer, kind and outcome: distinct records (a record two rules of one kind
     * decided counts once), first and last seen. {@code kinds} maps each deciding rule to its kind's name.
     */
    public List<Refusal> refusals(String resellerId, Instant from, Instant to, Map<String, String> kinds) {
        StringBuilder kind = new StringBuilder("case");
        List<Object> args = new ArrayList<>();
        kinds.forEach((rule, name) -> {
            kind.append(" when r.rule = ? then ?");
            args.add(rule);
            args.add(name);
        });
        kind.append(" else 'other' end");
        if (kinds.isEmpty()) {
            kind.setLength(0);
            kind.append("'other'");
        }
        args.addAll(List.of(resellerId, ts(from), ts(to)));
        List<Refusal> refusals = new ArrayList<>();
        run(
                // A derived table, so that the grouping names columns (H2 takes no positions, PostgreSQL no
                // repeated parameters).
                "select customer, kind, outcome, count(distinct record), min(decided_at), max(decided_at) from"
                        + " (select a.on_behalf_of_id customer, " + kind + " kind, a.outcome outcome, " + RECORD
                        + " record, a.decided_at decided_at from audit_chain_record a join audit_chain_rule r"
                        + " on r.chain_id = a.chain_id and r.seq = a.seq where" + WINDOW + " and" + HELD_BACK
                        + " and a.on_behalf_of_id is not null) x group by customer, kind, outcome",
                args,
                rs -> refusals.add(new Refusal(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant())));
        return refusals;
    }

    /** Decisions per day (UTC) and outcome. */
    public List<Count> perDay(String resellerId, Instant from, Instant to) {
        List<Count> counts = new ArrayList<>();
        run(
                "select utc_day, outcome, count(*) from (select cast((a.decided_at at time zone 'UTC') as date) utc_day,"
                        + " a.outcome outcome from audit_chain_record a where" + WINDOW
                        + ") x group by utc_day, outcome"
                        + " order by utc_day",
                List.of(resellerId, ts(from), ts(to)),
                rs -> counts.add(new Count(rs.getDate(1).toLocalDate().toString(), rs.getString(2), rs.getLong(3))));
        return counts;
    }

    /** What the oversight threshold compares: held-back customers, answered and held-back requests. */
    public Standing standing(String resellerId, Instant from, Instant to) {
        long customers = single(
                "select count(distinct a.on_behalf_of_id) from audit_chain_record a where" + WINDOW + " and" + HELD_BACK
                        + " and a.on_behalf_of_id is not null",
                List.of(resellerId, ts(from), ts(to)));
        long[] requests = new long[2];
        run(
                "select count(*), coalesce(sum(case when" + HELD_BACK + " then 1 else 0 end), 0)"
                        + " from audit_chain_record a where" + WINDOW + " and a.outcome <> 'REJECTED'",
                List.of(resellerId, ts(from), ts(to)),
                rs -> {
                    requests[0] = rs.getLong(1);
                    requests[1] = rs.getLong(2);
                });
        return new Standing(customers, requests[0], requests[1]);
    }

    /** A count under two keys (action or day, and outcome). */
    public record Count(String key, String outcome, long count) {}

    public record CustomerRule(String customerId, String rule) {}

    public record Refusal(String customerId, String kind, String outcome, long count, Instant first, Instant last) {}

    /** Held-back end customers, answered requests, and held-back requests in a window. */
    public record Standing(long refusedCustomers, long requests, long refused) {}

    private long single(String sql, List<Object> args) {
        long[] value = {0};
        run(sql, args, rs -> value[0] = rs.getLong(1));
        return value[0];
    }

    private void run(String sql, List<Object> args, Row row) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reseller report query failed: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }
}
