package io.clearance.watch;

import io.clearance.decision.Action;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A subscription: which parties, which actions, and where events go (a webhook, server-sent events, or
 * both: the stream is always open to a client of the watch).
 *
 * @param partyIds the parties of a {@link WatchScope#PARTIES} watch; empty otherwise
 * @param scheme the identifier scheme of a {@link WatchScope#SCHEME} watch; null otherwise
 * @param actions the actions followed; empty: every action (and every event without one, such as alerts)
 * @param webhookUrl where events are POSTed, signed; null for a stream-only watch
 * @param secret the HMAC-SHA256 key of the signatures; shown once, at creation
 */
public record Watch(
        String id,
        WatchScope scope,
        Set<String> partyIds,
        String scheme,
        Set<Action> actions,
        String webhookUrl,
        String secret,
        Instant createdAt,
        String createdBy) {

    public Watch {
        partyIds = Set.copyOf(partyIds);
        actions = Set.copyOf(actions);
    }

    /** True when {@code event} is about an action this watch follows (events without an action always are). */
    public boolean followsAction(String wireName) {
        return actions.isEmpty()
                || wireName == null
                || actions.stream().anyMatch(a -> a.wireName().equals(wireName));
    }

    static Watch of(WatchEntity row) {
        return new Watch(
                row.id,
                row.scope,
                split(row.partyIds),
                row.scheme,
                split(row.actions).stream()
                        .map(name -> Action.fromWireName(name).orElseThrow())
                        .collect(Collectors.toSet()),
                row.webhookUrl,
                row.secret,
                row.createdAt,
                row.createdBy);
    }

    WatchEntity toEntity() {
        WatchEntity row = new WatchEntity();
        row.id = id;
        row.scope = scope;
        row.partyIds = partyIds.isEmpty() ? null : String.join(",", partyIds);
        row.scheme = scheme;
        row.actions = actions.isEmpty()
                ? null
                : actions.stream().map(Action::wireName).sorted().collect(Collectors.joining(","));
        row.webhookUrl = webhookUrl;
        row.secret = secret;
        row.createdAt = createdAt;
        row.createdBy = createdBy;
        return row;
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(joined.split(",")));
    }

    /** The party ids sorted, for views. */
    List<String> sortedPartyIds() {
        return partyIds.stream().sorted().toList();
    }
}
