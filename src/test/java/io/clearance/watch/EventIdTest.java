package io.clearance.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clearance.decision.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An event's id is computed from what it says: the same decision change computed by two instances, at two
 * instants, is one id (the receiver and the delivery claim rely on it); any field that says something else
 * makes another id.
 */
class EventIdTest {

    private static WatchEvent change(String party, String action, Outcome before, Outcome after, String cause) {
        return new WatchEvent(
                WatchEvent.DECISION_CHANGED, party, action, before, after, cause, List.of(), null, Instant.now());
    }

    @Test
    void theSameDecisionChangeAtAnotherInstantHasTheSameId() {
        WatchEvent onA = change("acme", "api.access", Outcome.PERMIT, Outcome.DENY, "stake into acme (v 7)");
        WatchEvent onB = new WatchEvent(
                onA.kind(),
                onA.partyId(),
                onA.action(),
                onA.before(),
                onA.after(),
                onA.cause(),
                List.of(),
                null,
                onA.at().plusSeconds(42));
        assertEquals(EventId.of("w1", onA), EventId.of("w1", onB));
        assertEquals(EventId.of("w1", onA), EventId.of("w1", onA), "a retry has the id of the first attempt");
    }

    @Test
    void everyFieldThatSaysSomethingElseMakesAnotherId() {
        WatchEvent base = change("acme", "api.access", Outcome.PERMIT, Outcome.DENY, "stake into acme (v 7)");
        Set<String> ids = Stream.of(
                        EventId.of("w1", base),
                        EventId.of("w2", base),
                        EventId.of("w1", change("acme2", "api.access", Outcome.PERMIT, Outcome.DENY, base.cause())),
                        EventId.of("w1", change("acme", "data.export", Outcome.PERMIT, Outcome.DENY, base.cause())),
                        EventId.of("w1", change("acme", "api.access", Outcome.REVIEW, Outcome.DENY, base.cause())),
                        EventId.of("w1", change("acme", "api.access", null, Outcome.DENY, base.cause())),
                        EventId.of("w1", change("acme", "api.access", Outcome.PERMIT, Outcome.REVIEW, base.cause())),
                        EventId.of(
                                "w1",
                                change("acme", "api.access", Outcome.PERMIT, Outcome.DENY, "stake into acme (v 8)")),
                        // a field's end is written: moving text from one field to the next is another list
                        EventId.of("w1", change("acmeapi.access", "", Outcome.PERMIT, Outcome.DENY, base.cause())))
                .collect(Collectors.toSet());
        assertEquals(9, ids.size(), ids::toString);
    }

    @Test
    void twoAlertsWithTheSameFiguresAreToldApartByTheirInstant() {
        Instant raised = Instant.parse("2026-12-03T10:00:00Z");
        WatchEvent first = new WatchEvent(
                WatchEvent.RESELLER_ALERT, "reseller-1", null, null, null, "threshold", List.of(), "3 held", raised);
        WatchEvent again = new WatchEvent(
                first.kind(), "reseller-1", null, null, null, "threshold", List.of(), "3 held", raised.plusSeconds(60));
        WatchEvent otherFigures =
                new WatchEvent(first.kind(), "reseller-1", null, null, null, "threshold", List.of(), "4 held", raised);
        assertNotEquals(EventId.of("w1", first), EventId.of("w1", again));
        assertNotEquals(EventId.of("w1", first), EventId.of("w1", otherFigures));
        assertEquals(EventId.of("w1", first), EventId.of("w1", first));
    }

    @Test
    void theIdIsAVersion8Uuid() {
        UUID id = UUID.fromString(EventId.of("w1", change("acme", "api.access", null, Outcome.DENY, "party acme")));
        assertEquals(8, id.version());
        assertEquals(2, id.variant());
    }
}
