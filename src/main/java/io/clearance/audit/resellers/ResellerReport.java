package io.clearance.audit.resellers;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /v1/resellers/{id}/report} answers: one reseller's decisions over {@code [from, to]}
 * from the audit log, the oversight alerts it raised, and how its current customers stand now.
 *
 * @param byOutcome decisions by outcome ({@code PERMIT}, {@code REVIEW}, {@code DENY}, {@code REJECTED})
 * @param byAction per action, decisions by outcome
 * @param endCustomers distinct end customers named in the period
 * @param withoutEndCustomer requests that named no end customer
 * @param refusedCustomers end customers whose requests were denied or sent to review, by reason
 * @param trend decisions per day (UTC) by outcome, days without decisions left out
 * @param alerts oversight alerts raised in the period, newest first
 * @param customersNow the reseller's customers in force now, each decided now for every restricted action
 */
public record ResellerReport(
        String resellerId,
        String name,
        String from,
        String to,
        long decisions,
        Map<String, Long> byOutcome,
        Map<String, Map<String, Long>> byAction,
        long endCustomers,
        long withoutEndCustomer,
        List<RefusedCustomer> refusedCustomers,
        List<Day> trend,
        Oversight oversight,
        List<Alert> alerts,
        List<CustomerNow> customersNow) {

    /**
     * An end customer held back, for one reason: how often (requests), with which outcomes, first and last seen.
     *
     * @param reason {@code ban}, {@code ownership}, {@code unregistered} or {@code other}
     */
    public record RefusedCustomer(
            String customerId,
            String reason,
            List<String> rules,
            long count,
            Map<String, Long> byOutcome,
            String firstSeen,
            String lastSeen) {}

    /** One day (UTC) of the reseller's decisions. */
    public record Day(String day, long permit, long review, long deny, long rejected) {

        public long total() {
            return permit + review + deny + rejected;
        }
    }

    /** The threshold the serving rule set declares, and where the reseller stands against it now. */
    public record Oversight(
            int days,
            int refusedCustomersAbove,
            int refusedPercentAbove,
            long refusedCustomers,
            long requests,
            long refused,
            String refusedPercent,
            boolean crossed) {}

    /** An oversight alert as recorded when raised. */
    public record Alert(String raisedAt, String clearedAt, String detail) {}

    /**
     * A current customer's standing now: the outcome for each restricted action, and the rules behind any
     * outcome other than a permission; how a change to its owners shows before its next request.
     */
    public record CustomerNow(String customerId, Map<String, String> outcomes, List<String> rules) {}
}
