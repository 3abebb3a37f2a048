package io.clearance.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.decision.Action;
import io.clearance.watch.Watch;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A watch as the API shows it. {@code secret} (the HMAC-SHA256 key of its webhook signatures) is shown in
 * the answer to its creation only.
 */
public record WatchView(
        String id,
        String scope,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> partyIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) String scheme,
        List<String> actions,
        @JsonInclude(JsonInclude.Include.NON_NULL) String webhookUrl,
        String events,
        Instant createdAt,
        String createdBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WatchView of(Watch watch, boolean withSecret) {
        return new WatchView(
                watch.id(),
                watch.scope().name().toLowerCase(Locale.ROOT),
                watch.partyIds().stream().sorted().toList(),
                watch.scheme(),
                watch.actions().stream().map(Action::wireName).sorted().toList(),
                watch.webhookUrl(),
                "/v1/watches/" + watch.id() + "/events",
                watch.createdAt(),
                watch.createdBy(),
                withSecret ? watch.secret() : null);
    }
}
