package io.clearance.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.engine.facts.BannedJurisdiction;
import io.clearance.ownership.graph.Descendants;
import io.clearance.ownership.graph.ForceHorizon;
import io.clearance.ownership.graph.GraphChangeListener;
import io.clearance.ownership.graph.OwnershipGraph;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decisions for now, memoised: the outcome, reasons and advice the rules gave for (rule-set version,
 * subject, action, end customer), answered again without gathering facts or running rules for as long as
 * nothing they read has changed. Every answer, memoised or not, still gets its own decision id and time and
 * is audited as its own record: only the deciding is saved, never the logging.
 *
 * <p>What a decision for now reads, and how each is kept out of a stale answer:
 *
 * <ul>
 *   <li>the rule set: its version is in the key, so a new one misses;
 *   <li>the parties and their ancestors' attributes and stakes: the graph tells this memo of every change
 *       inside its write lock ({@link GraphChangeListener}); the entries of the changed parties and of their
 *       {@link Descendants} are dropped before any reader sees the changed graph, the others stay;
 *   <li>the instant: an entry holds until the next change of force, the first instant a dated stake into the
 *       parties or their ancestors ({@link ForceHorizon}), or a ban of the rule set, starts or ends.
 * </ul>
 *
 * A request for another instant ({@code at}) bypasses the memo, as do answers the rules could not reach
 * (indeterminate: a budget or a failing rule is no property of the request).
 *
 * <p>The race of a decision computed before a change and stored after it: a counter of changes, read before
 * deciding, is checked again when storing, atomically with the entry's key (see {@link #store}).
 */
@Startup // its figures are at /q/metrics from the start, before the first decision
@ApplicationScoped
public class DecisionMemo implements GraphChangeListener {

    private final OwnershipGraph graph;
    private final DecisionJson json;
    private final ForceHorizon forceHorizon;
    private final boolean enabled;
    private final Cache<Key, Memoised> entries;
    // The keys of the entries naming each party (subject or end customer): what a change to the party drops.
    // invariant: every present entry's key is in the sets of its parties; a set may also hold keys whose
    // entries are gone (dropping them again is harmless).
    private final Map<String, Set<Key>> keysByParty = new ConcurrentHashMap<>();
    // invariant: incremented inside the graph's write lock, before the change's entries are dropped.
    private final AtomicLong changes = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    private final Map<Cause, Counter> invalidations = new EnumMap<>(Cause.class);

    /** Why entries were dropped; the {@code cause} tag of {@code clearance_decisions_memo_invalidations_total}. */
    enum Cause {
        PARTY,
        STAKE,
        RELOAD,
        FORCE,
        SIZE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    DecisionMemo(OwnershipGraph graph, MeterRegistry metrics, DecisionMemoConfig config, ObjectMapper mapper) {
        this(graph, metrics, config.enabled(), config.maxEntries(), new DecisionJson(mapper));
    }

    /** A memo over {@code graph}, listening to its changes from now on, writing JSON as the server does. */
    public DecisionMemo(OwnershipGraph graph, MeterRegistry metrics, boolean enabled, long maxEntries) {
        this(graph, metrics, enabled, maxEntries, DecisionJson.standalone());
    }

    /** A memo over {@code graph}, listening to its changes from now on, writing JSON with {@code json}. */
    public DecisionMemo(
            OwnershipGraph graph, MeterRegistry metrics, boolean enabled, long maxEntries, DecisionJson json) {
        this.graph = graph;
        this.json = json;
        this.forceHorizon = new ForceHorizon(graph);
        this.enabled = enabled;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // Runs atomically with the eviction of the key, so it cannot unindex an entry stored after it.
                .evictionListener((Key key, Memoised value, RemovalCause cause) -> {
                    unindex(key);
                    invalidations.get(Cause.SIZE).increment();
                })
                .build();
        this.hits = result(metrics, "hit");
        this.misses = result(metrics, "miss");
        this.bypasses = result(metrics, "bypass");
        for (Cause cause : Cause.values()) {
            invalidations.put(
                    cause,
                    Counter.builder("clearance.decisions.memo.invalidations")
                            .description("Memoised decisions dropped, by cause")
                            .tag("cause", cause.tag())
                            .register(metrics));
        }
        Gauge.builder("clearance.decisions.memo.entries", entries, Cache::estimatedSize)
                .description("Memoised decisions held")
                .register(metrics);
        if (enabled) {
            graph.addListener(this);
        }
    }

    private static Counter result(MeterRegistry metrics, String result) {
        return Counter.builder("clearance.decisions.memo")
                .description("Decisions answered from the memo (hit), decided and memoised (miss), or decided"
                        + " without it (bypass)")
                .tag("result", result)
                .register(metrics);
    }

    /**
     * The decision for {@code query} under {@code rules} over this memo's graph: memoised when it can be,
     * decided by {@code decider} otherwise. Differs from a fresh decision only in its id and time.
     *
     * @throws UnknownPartyException when the request names a party the registry does not hold (never memoised)
     */
    public Decision decide(String decisionId, DecisionQuery query, RuleSet rules, Decider decider) {
        return answer(decisionId, query, rules, decider).decision();
    }

    /**
     * As {@link #decide}, with the decision's JSON as answered: a hit's is its memoised bytes with the id,
     * graph version and time written in; a fresh decision's is serialised once here.
     *
     * @throws UnknownPartyException when the request names a party the registry does not hold (never memoised)
     */
    public DecisionAnswer answer(String decisionId, DecisionQuery query, RuleSet rules, Decider decider) {
        if (!enabled || query.at() != null || resellerDecision(query)) {
            bypasses.increment();
            return json.answer(decider.decide(decisionId, query, rules, graph));
        }
        Key key = new Key(rules.version(), query.subjectId(), query.action(), query.onBehalfOfId());
        DecisionAnswer hit = hit(key, decisionId, query);
        if (hit != null) {
            return hit;
        }
        misses.increment();
        long changesBefore = changes.get();
        Instant startedAt = graph.now();
        DecisionAnswer answer = json.answer(decider.decide(decisionId, query, rules, graph));
        Decision decision = answer.decision();
        if (Decider.isIndeterminate(decision)) {
            return answer;
        }
        long validUntil = Math.min(
                nextBanChangeAfter(rules, startedAt),
                graph.read(() -> forceHorizon.nextChangeAfter(
                        startedAt.getEpochSecond(),
                        graph.indexOf(query.subjectId()),
                        query.onBehalfOfId() == null ? -1 : graph.indexOf(query.onBehalfOfId()))));
        // The rules read the clock somewhere between startedAt and now: both must lie before the horizon.
        if (graph.now().getEpochSecond() < validUntil) {
            // The hits after it answer the same text while the graph's version stays: one hash for them all.
            answer = answer.keepingHashIn(new KeptHash());
            store(key, Memoised.of(answer, validUntil), changesBefore);
        }
        return answer;
    }

    /**
     * The memoised answer to {@code query}, or {@code null} when there is none to give (a miss, a request for
     * another instant, the memo off): what the event loop answers without deciding. Never blocks, never
     * decides; a miss is not counted here (the decision that follows counts it).
     */
    public DecisionAnswer memoised(String decisionId, DecisionQuery query, RuleSet rules) {
        if (!enabled || query.at() != null || resellerDecision(query)) {
            return null;
        }
        return hit(
                new Key(rules.version(), query.subjectId(), query.action(), query.onBehalfOfId()), decisionId, query);
    }

    // A reseller's decision reads its platforms and dated customers, which the key and horizon do not name.
    private boolean resellerDecision(DecisionQuery query) {
        return graph.customers().isReseller(query.subjectId());
    }

    /** The answer kept under {@code key} while still in force, counted as a hit; {@code null} otherwise. */
    private DecisionAnswer hit(Key key, String decisionId, DecisionQuery query) {
        // Read before the lookup: an entry present after it was valid at this version (changes drop entries
        // before their version is visible).
        long version = graph.version();
        Memoised kept = entries.getIfPresent(key);
        if (kept == null) {
            return null;
        }
        if (graph.now().getEpochSecond() < kept.validUntil()) {
            hits.increment();
            return kept.answer(decisionId, query, version, json);
        }
        if (entries.asMap().remove(key, kept)) {
            invalidations.get(Cause.FORCE).increment();
        }
        return null;
    }

    /**
     * Stores {@code value} unless the graph changed since {@code changesBefore} was read. The check runs
     * inside the map's atomic compute for the key, after the key is indexed: a change counted after the
     * check finds the key in the index and its removal waits for this compute, so it drops the entry; a
     * change counted before it makes the check fail.
     */
    private void store(Key key, Memoised value, long changesBefore) {
        entries.asMap().compute(key, (k, old) -> {
            index(k);
            return changes.get() == changesBefore ? value : null;
        });
    }

    private void index(Key key) {
        for (String party : key.parties()) {
            // Added inside the map's compute: a set emptied and unmapped concurrently is never added to.
            keysByParty.compute(party, (p, keys) -> {
                Set<Key> kept = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                kept.add(key);
                return kept;
            });
        }
    }

    private void unindex(Key key) {
        for (String party : key.parties()) {
            keysByParty.computeIfPresent(party, (p, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    /** Called by the graph inside its write lock: drops the entries of the changed parties and their descendants. */
    @Override
    public void changed(Kind kind, List<String> roots) {
        changes.incrementAndGet();
        if (keysByParty.isEmpty()) {
            return; // nothing memoised: no walk
        }
        Iterable<String> parties =
                kind == Kind.RELOAD ? List.copyOf(keysByParty.keySet()) : Descendants.of(graph, roots);
        long dropped = 0;
        for (String party : parties) {
            Set<Key> keys = keysByParty.remove(party);
            if (keys != null) {
                for (Key key : keys) {
                    if (entries.asMap().remove(key) != null) {
                        dropped++;
                    }
                }
            }
        }
        Cause cause = switch (kind) {
            case PARTY -> Cause.PARTY;
            case STAKE -> Cause.STAKE;
            case RELOAD -> Cause.RELOAD;
        };
        invalidations.get(cause).increment(dropped);
    }

    /** How many decisions are memoised (an estimate, as Caffeine gives it). */
    public long size() {
        return entries.estimatedSize();
    }

    /** The first instant (epoch second, rounded down) after {@code at} at which a ban of the rules starts or ends. */
    private static long nextBanChangeAfter(RuleSet rules, Instant at) {
        long next = StakeTerms.ALWAYS_TO;
        for (BannedJurisdiction ban : rules.parameters().bans()) {
            for (Instant edge : new Instant[] {ban.getFrom(), ban.getUntil()}) {
                if (edge != null && edge.isAfter(at)) {
                    next = Math.min(next, edge.getEpochSecond());
                }
            }
        }
        return next;
    }

    /** What a memoised decision is asked by; everything else a decision for now reads is invalidated. */
    record Key(String policyVersion, String subject, Action action, String onBehalfOf) {

        List<String> parties() {
            return onBehalfOf == null ? List.of(subject) : List.of(subject, onBehalfOf);
        }
    }

    /**
     * What is kept of a decision: the answer, without its id and time, and its JSON cut around them.
     *
     * @param registryVersion the graph's version when it was decided; the entry holds for every later version
     *     until dropped
     * @param template the serialised decision; {@code null} when it could not be cut (each hit then serialises)
     * @param validUntil the epoch second from which time alone may change the answer
     * @param evidenceHash the hash of the text the audit log stores its answers under, kept for the next hit
     */
    record Memoised(
            Outcome outcome,
            String policyVersion,
            long registryVersion,
            List<Reason> reasons,
            List<Advice> advice,
            DecisionJson.Template template,
            long validUntil,
            KeptHash evidenceHash) {

        static Memoised of(DecisionAnswer answer, long validUntil) {
            Decision decision = answer.decision();
            return new Memoised(
                    decision.decision(),
                    decision.policyVersion(),
                    decision.registryVersion(),
                    decision.reasons(),
                    decision.advice(),
                    DecisionJson.template(answer),
                    validUntil,
                    answer.evidenceHash());
        }

        /** The decision again, under its own id and time, for the graph at {@code version} or later. */
        DecisionAnswer answer(String decisionId, DecisionQuery query, long version, DecisionJson json) {
            Decision decision = decision(decisionId, query, version);
            byte[] bytes = template == null
                    ? null
                    : template.fill(decision.decisionId(), decision.registryVersion(), decision.decidedAt());
            return (bytes == null ? json.answer(decision) : new DecisionAnswer(decision, bytes))
                    .keepingHashIn(evidenceHash);
        }

        private Decision decision(String decisionId, DecisionQuery query, long version) {
            return new Decision(
                    decisionId,
                    outcome,
                    policyVersion,
                    Math.max(version, registryVersion),
                    Instant.now(),
                    query.subjectId(),
                    query.action().wireName(),
                    query.onBehalfOfId(),
                    null,
                    reasons,
                    advice);
        }
    }
}
