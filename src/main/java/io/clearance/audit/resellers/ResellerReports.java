package io.clearance.audit.resellers;

import io.clearance.audit.AuditLog;
import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.Decision;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.Outcome;
import io.clearance.decision.Reason;
import io.clearance.domain.CustomerLink;
import io.clearance.domain.PartyInfo;
import io.clearance.engine.PolicyEngine;
import io.clearance.engine.RuleSet;
import io.clearance.engine.facts.ResellerOversight;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.CustomerRegistry;
import io.clearance.registry.RegistryRejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a reseller's report from the audit log (see {@link ResellerQueries}) and how its customers stand
 * now: each customer in force is decided again with the serving rule set and the registry as it is, so a
 * new restricted owner above a customer shows the same day, before the customer's next request. Checking
 * the oversight threshold is part of reading the report, so an alert it crosses is on the report it raised.
 */
@ApplicationScoped
public class ResellerReports {

    /** At most this many current customers are decided again for one report; the report says when it stopped. */
    public static final int MAX_CUSTOMERS_NOW = 500;

    private static final List<String> OUTCOMES = List.of("PERMIT", "REVIEW", "DENY", "REJECTED");

    private final ResellerQueries queries;
    private final ResellerAlerts alerts;
    private final PolicyEngine engine;
    private final OwnershipGraph graph;
    private final Decider decider;
    private final AuditLog log;

    ResellerReports(
            ResellerQueries queries,
            ResellerAlerts alerts,
            PolicyEngine engine,
            OwnershipGraph graph,
            Decider decider,
            AuditLog log) {
        this.queries = queries;
        this.alerts = alerts;
        this.engine = engine;
        this.graph = graph;
        this.decider = decider;
        this.log = log;
    }

    /** The period of a report when none is given: the 30 days up to now. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    /**
     * The report of {@code resellerId} over {@code [from, to]}; a null {@code to} is now (once the log has
     * shipped and the threshold was checked, so an alert this read raises is on it), a null {@code from} is
     * {@link #DEFAULT_PERIOD} before {@code to}.
     *
     * @throws RegistryRejection unknown-party, or not-a-reseller for a party not declared one
     */
    public ResellerReport report(String resellerId, Instant given, Instant until) {
        PartyInfo reseller = graph.party(resellerId).orElseThrow(() -> RegistryRejection.unknownParty(resellerId));
        if (!graph.customers().isReseller(resellerId)) {
            throw CustomerRegistry.notAReseller(resellerId);
        }
        // As the audit search does: what was answered before this call is counted.
        log.awaitShipped();
        alerts.check(resellerId);
        Instant to = until == null ? Instant.now() : until;
        Instant from = given == null ? to.minus(DEFAULT_PERIOD) : given;
        RuleSet rules = engine.active();

        Map<String, Long> byOutcome = zeroes();
        Map<String, Map<String, Long>> byAction = new TreeMap<>();
        long decisions = 0;
        for (ResellerQueries.Count count : queries.byActionAndOutcome(resellerId, from, to)) {
            byOutcome.merge(count.outcome(), count.count(), Long::sum);
            byAction.computeIfAbsent(count.key(), k -> zeroes()).merge(count.outcome(), count.count(), Long::sum);
            decisions += count.count();
        }
        return new ResellerReport(
                resellerId,
                reseller.name(),
                from.toString(),
                to.toString(),
                decisions,
                byOutcome,
                byAction,
                queries.endCustomers(resellerId, from, to),
                queries.withoutEndCustomer(resellerId, from, to),
                refused(resellerId, from, to, rules),
                trend(resellerId, from, to),
                oversight(resellerId),
                alerts.alerts(resellerId, from, to),
                customersNow(resellerId, rules));
    }

    private List<ResellerReport.RefusedCustomer> refused(String resellerId, Instant from, Instant to, RuleSet rules) {
        List<ResellerQueries.CustomerRule> deciding = queries.heldBackRules(resellerId, from, to);
        Map<String, String> kinds = new HashMap<>();
        deciding.forEach(d -> kinds.computeIfAbsent(
                d.rule(), rule -> RefusalKind.of(rule, rules.clauseOf(rule)).wireName()));
        Map<List<String>, Set<String>> rulesOf = new HashMap<>();
        deciding.forEach(d -> rulesOf.computeIfAbsent(
                        List.of(d.customerId(), kinds.get(d.rule())), k -> new java.util.TreeSet<>())
                .add(d.rule()));
        Map<List<String>, Building> rows = new LinkedHashMap<>();
        for (ResellerQueries.Refusal r : queries.refusals(resellerId, from, to, kinds)) {
            Building row = rows.computeIfAbsent(List.of(r.customerId(), r.kind()), k -> new Building());
            row.count += r.count();
            row.byOutcome.merge(r.outcome(), r.count(), Long::sum);
            row.first = row.first == null || r.first().isBefore(row.first) ? r.first() : row.first;
            row.last = row.last == null || r.last().isAfter(row.last) ? r.last() : row.last;
        }
        List<ResellerReport.RefusedCustomer> refused = new ArrayList<>();
        rows.forEach((key, row) -> refused.add(new ResellerReport.RefusedCustomer(
                key.get(0),
                key.get(1),
                List.copyOf(rulesOf.getOrDefault(key, Set.of())),
                row.count,
                row.byOutcome,
                row.first.toString(),
                row.last.toString())));
        refused.sort(Comparator.comparingLong(ResellerReport.RefusedCustomer::count)
                .reversed()
                .thenComparing(ResellerReport.RefusedCustomer::customerId)
                .thenComparing(ResellerReport.RefusedCustomer::reason));
        return refused;
    }

    private static final class Building {
        long count;
        Map<String, Long> byOutcome = new TreeMap<>();
        Instant first;
        Instant last;
    }

    private List<ResellerReport.Day> trend(String resellerId, Instant from, Instant to) {
        Map<String, long[]> days = new TreeMap<>();
        for (ResellerQueries.Count count : queries.perDay(resellerId, from, to)) {
            int column = OUTCOMES.indexOf(count.outcome());
            days.computeIfAbsent(count.key(), k -> new long[4])[column < 0 ? 3 : column] += count.count();
        }
        List<ResellerReport.Day> trend = new ArrayList<>();
        days.forEach((day, c) -> trend.add(new ResellerReport.Day(day, c[0], c[1], c[2], c[3])));
        return trend;
    }

    private ResellerReport.Oversight oversight(String resellerId) {
        return alerts.threshold()
                .map(threshold -> {
                    ResellerAlerts.Standing standing = alerts.standing(resellerId, threshold, Instant.now());
                    return oversight(threshold, standing);
                })
                .orElse(null);
    }

    private static ResellerReport.Oversight oversight(ResellerOversight threshold, ResellerAlerts.Standing standing) {
        return new ResellerReport.Oversight(
                threshold.getDays(),
                threshold.getRefusedCustomers(),
                threshold.getRefusedPercent(),
                standing.figures().refusedCustomers(),
                standing.figures().requests(),
                standing.figures().refused(),
                standing.refusedPercent(),
                standing.crossed());
    }

    private List<ResellerReport.CustomerNow> customersNow(String resellerId, RuleSet rules) {
        List<Action> actions = rules.parameters().restrictedActions().stream()
                .flatMap(name -> Action.fromWireName(name).stream())
                .toList();
        List<CustomerLink> links = graph.customers().customersAt(resellerId, graph.now());
        List<ResellerReport.CustomerNow> now = new ArrayList<>();
        for (CustomerLink link : links.subList(0, Math.min(links.size(), MAX_CUSTOMERS_NOW))) {
            Map<String, String> outcomes = new LinkedHashMap<>();
            Set<String> reasons = new LinkedHashSet<>();
            for (Action action : actions) {
                Decision decision = decider.decide(
                        "report", new DecisionQuery(resellerId, action, link.customerId()), rules, graph);
                outcomes.put(action.wireName(), decision.decision().name());
                if (decision.decision() != Outcome.PERMIT) {
                    decision.reasons().stream().map(Reason::rule).forEach(reasons::add);
                }
            }
            now.add(new ResellerReport.CustomerNow(link.customerId(), outcomes, List.copyOf(reasons)));
        }
        return now;
    }

    private static Map<String, Long> zeroes() {
        Map<String, Long> counts = new LinkedHashMap<>();
        OUTCOMES.forEach(o -> counts.put(o, 0L));
        return counts;
    }
}
