package io.clearance.api;

import io.clearance.decision.Action;
import io.clearance.problem.ErrorCode;
import io.clearance.registry.PartyRules;
import io.clearance.registry.identity.Identifier;
import io.clearance.watch.WatchScope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /v1/watches}: which parties ({@code scope} {@code all}, {@code parties} with
 * {@code partyIds}, or {@code scheme} with {@code scheme}), which {@code actions} (absent: every one), and
 * an optional {@code webhookUrl} (events are always readable as server-sent events too).
 */
public record WatchBody(String scope, List<String> partyIds, String scheme, List<String> actions, String webhookUrl) {

    /** The most parties one watch lists; a larger set is a scheme or all parties. */
    static final int MAX_PARTIES = 10_000;

    WatchScope readScope() {
        WatchScope read = switch (scope == null ? "" : scope) {
            case "all" -> WatchScope.ALL;
            case "parties" -> WatchScope.PARTIES;
            case "scheme" -> WatchScope.SCHEME;
            default -> throw invalid("`scope` must be `all`, `parties` (with `partyIds`) or `scheme` (with `scheme`)");
        };
        if ((read == WatchScope.PARTIES) != (partyIds != null)) {
            throw invalid("`partyIds` goes with `scope` `parties`, and only with it");
        }
        if ((read == WatchScope.SCHEME) != (scheme != null)) {
            throw invalid("`scheme` goes with `scope` `scheme`, and only with it");
        }
        return read;
    }

    Set<String> readPartyIds() {
        if (partyIds == null) {
            return Set.of();
        }
        if (partyIds.isEmpty() || partyIds.size() > MAX_PARTIES) {
            throw invalid("`partyIds` must list 1 to " + MAX_PARTIES + " party ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : partyIds) {
            PartyRules.checkId(id);
            ids.add(id);
        }
        return ids;
    }

    String readScheme() {
        return scheme == null ? null : Identifier.canonicalScheme(scheme);
    }

    Set<Action> readActions() {
        if (actions == null) {
            return Set.of();
        }
        Set<Action> read = new LinkedHashSet<>();
        for (String name : actions) {
            read.add(Action.fromWireName(name)
                    .orElseThrow(() -> invalid("action `" + name + "` is not a known action")));
        }
        return read;
    }

    String readWebhookUrl() {
        if (webhookUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(webhookUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (webhookUrl.length() <= 2048
                    && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                return webhookUrl;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw invalid(
                "`webhookUrl` must be an http or https URL with a host and no user info, at most 2048 characters");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ErrorCode.INVALID_WATCH, detail);
    }
}
