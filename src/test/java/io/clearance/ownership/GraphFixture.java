package io.clearance.ownership;

import io.clearance.domain.PartyInfo;
import io.clearance.domain.PartyKind;
import io.clearance.domain.Share;
import io.clearance.ownership.graph.OwnershipGraph;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * An ownership graph built the way a test states a registry: companies and people by id and country, and
 * who holds what percentage of whom. Shared by the ownership tests instead of helpers of their own.
 */
public final class GraphFixture {

    private final OwnershipGraph graph;

    /** Builds into {@code graph} (e.g. one with a movable clock). */
    public GraphFixture(OwnershipGraph graph) {
        this.graph = graph;
    }

    public OwnershipGraph graph() {
        return graph;
    }

    /** A company named "Company {@code id}" located in {@code country}. */
    public GraphFixture company(String id, String country) {
        graph.putParty(new PartyInfo(id, "Company " + id, PartyKind.COMPANY, country, null));
        return this;
    }

    /** A person named "Person {@code id}", living in and a national of {@code country}. */
    public GraphFixture individual(String id, String country) {
        graph.putParty(new PartyInfo(id, "Person " + id, PartyKind.INDIVIDUAL, country, country));
        return this;
    }

    /** Reads as the registry states it: {@code owner} holds {@code percent} of {@code owned}, exactly. */
    public GraphFixture holds(String owner, String percent, String owned) {
        graph.putStake(owned, owner, pct(percent));
        return this;
    }

    /** A percentage such as {@code "50.000001"} in {@link Share} units. */
    public static long pct(String percent) {
        return Share.fromPercent(percent);
    }

    /** A clock that stands still until a test moves it: give it to a graph to watch dated stakes come into force. */
    public static final class MovableClock extends Clock {
        private volatile Instant now;

        public MovableClock(Instant now) {
            this.now = now;
        }

        public void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
