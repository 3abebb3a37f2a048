package io.clearance.watch;

import io.clearance.decision.Outcome;
import io.clearance.decision.Reason;
import java.time.Instant;
import java.util.List;

/**
 * Something a watcher subscribed to: a party's decision for an action flipped, or an oversight threshold
 * was crossed. Producers fire it as a CDI event ({@code Event<WatchEvent>}); the watch service delivers it
 * to the subscriptions that match (webhook, server-sent events). One type for every producer, so that a
 * subscriber reads one shape whatever raised it.
 *
 * @param kind what happened: {@code decision.changed} or {@code reseller.alert}
 * @param partyId the party the event is about (the subject, or the reseller of an alert)
 * @param action the action whose decision changed; null for an alert
 * @param before the outcome before the change; null for an alert or a party new to the registry
 * @param after the outcome after the change; null for an alert
 * @param cause what caused it, in words a reader follows: {@code stake into acme (registry version 7)},
 *     {@code import 5f0c… (gleif-rr-csv, registry version 12)}, {@code offline import (registry version 3)},
 *     {@code rule-set 3f2a…}, {@code change of force at 2027-01-01T00:00:00Z: stakes into acme}, or the
 *     alert's threshold
 * @param reasons the reasons of the new decision (empty for an alert)
 * @param detail a short human text (the alert's figures, for instance); may be null
 * @param at when the event was raised
 * @param change the same cause for a machine ({@link WatchChange}: its kind, the import job, the rule-set
 *     version, ...); null for an alert, whose cause is its threshold
 */
public record WatchEvent(
        String kind,
        String partyId,
        String action,
        Outcome before,
        Outcome after,
        String cause,
        List<Reason> reasons,
        String detail,
        Instant at,
        WatchChange change) {

    public static final String DECISION_CHANGED = "decision.changed";
    public static final String RESELLER_ALERT = "reseller.alert";

    public WatchEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** An event no change caused (an alert). */
    public WatchEvent(
            String kind,
            String partyId,
            String action,
            Outcome before,
            Outcome after,
            String cause,
            List<Reason> reasons,
            String detail,
            Instant at) {
        this(kind, partyId, action, before, after, cause, reasons, detail, at, null);
    }
}
