package io.clearance.decision;

import io.clearance.domain.PartyInfo;
import io.clearance.engine.Evaluation;
import io.clearance.engine.FiredVerdict;
import io.clearance.engine.PolicyParameters;
import io.clearance.engine.RuleSet;
import io.clearance.engine.facts.EndCustomer;
import io.clearance.engine.facts.OwnershipFinding;
import io.clearance.engine.facts.OwnershipTest;
import io.clearance.engine.facts.Request;
import io.clearance.engine.facts.Subject;
import io.clearance.engine.facts.Verdict;
import io.clearance.ownership.Bound;
import io.clearance.ownership.Counterfactual;
import io.clearance.ownership.ExtensionCounterfactual;
import io.clearance.ownership.ExtensionFinding;
import io.clearance.ownership.LookThrough;
import io.clearance.ownership.OwnershipGraph;
import io.clearance.ownership.RestrictedByExtension;
import io.clearance.ownership.RestrictionCriteria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The use case at the heart of Clearance, free of HTTP and storage: gather the facts of a request from
 * the ownership graph (the parties and what the ownership service finds for each test the rules declare),
 * run the rules, and combine their verdicts into a decision with its reasons.
 *
 * <p>Combination: any denial decides (deny overrides); otherwise any review decides (the request goes to
 * a person); otherwise the permissions decide; and when no rule reaches a verdict at all, Clearance fails
 * closed and denies, saying so. Advice never takes part in the combination: whatever advising rules
 * attached travels beside the outcome.
 */
public final class DecisionEvaluator {

    /** The rule name a reason carries when no rule reached a verdict. */
    public static final String FAIL_CLOSED_RULE = "(no rule reached a verdict)";

    public Decision decide(String decisionId, DecisionQuery query, RuleSet rules, OwnershipGraph graph) {
        return trace(decisionId, query, rules, graph).decision();
    }

    /** Decides, and also reports every rule that fired on the way (for scenario coverage). */
    public Traced trace(String decisionId, DecisionQuery query, RuleSet rules, OwnershipGraph graph) {
        PolicyParameters parameters = rules.parameters();
        Instant at = query.at() == null ? graph.now() : query.at();
        // Prepared outside the read: the first use of an ownership test indexes the whole graph.
        Map<String, FindingSource> walks = new LinkedHashMap<>();
        for (OwnershipTest test : parameters.ownershipTests()) {
            walks.put(test.getId(), source(test, test.criteria(parameters.bannedAt(at)), graph, query.at()));
        }
        // One read of the graph: parties, findings and registry version all come from the same state.
        Facts facts = graph.read(() -> gather(query, at, walks, graph));
        Evaluation evaluation = rules.evaluate(facts.facts());
        return new Traced(
                combine(decisionId, query, rules.version(), facts.registryVersion(), evaluation),
                evaluation.firedRules());
    }

    /** A decision with the names of the rules that fired while reaching it. */
    public record Traced(Decision decision, List<String> firedRules) {}

    /**
     * Decides one party acting alone for every action, under each of several rule sets, computing each
     * ownership finding once: the findings depend on the party and the ownership tests, not on the action,
     * and rule sets that declare the same tests share them. For whole-registry runs such as impact analysis.
     *
     * @return one list per rule set, in the order of {@code actions}
     * @throws UnknownPartyException when the party is not in the graph
     */
    public List<List<Decision>> decideEach(
            String partyId, List<Action> actions, List<RuleSet> ruleSets, OwnershipGraph graph) {
        PartyInfo party = graph.party(partyId).orElseThrow(() -> new UnknownPartyException("subject", partyId));
        Map<List<Object>, List<Object>> findingsByTests = new HashMap<>();
        List<List<Decision>> answers = new ArrayList<>();
        Instant now = graph.now();
        for (RuleSet rules : ruleSets) {
            PolicyParameters parameters = rules.parameters();
            List<Object> key = new ArrayList<>();
            for (OwnershipTest test : parameters.ownershipTests()) {
                key.add(List.of(test.getId(), test.getSemantics(), test.criteria(parameters.bannedAt(now))));
            }
            List<Object> findings =
                    findingsByTests.computeIfAbsent(key, k -> findingsOf(party, parameters, graph, now));
            List<Decision> decisions = new ArrayList<>();
            for (Action action : actions) {
                // The same order as a live request: the request, its party, then the findings.
                List<Object> facts = new ArrayList<>();
                facts.add(new Request(action.wireName(), false, now));
                facts.add(new Subject(party));
                facts.addAll(findings);
                Evaluation evaluation = rules.evaluate(facts);
                decisions.add(combine(
                        "impact",
                        new DecisionQuery(partyId, action, null),
                        rules.version(),
                        graph.version(),
                        evaluation));
            }
            answers.add(decisions);
        }
        return answers;
    }

    /** Every ownership finding a rule set's tests give for one party acting alone. */
    private static List<Object> findingsOf(
            PartyInfo party, PolicyParameters parameters, OwnershipGraph graph, Instant now) {
        List<Object> found = new ArrayList<>();
        if (!party.kind().isOrganisation()) {
            return found; // individuals are never restricted through ownership
        }
        // Prepared outside the read: the first use of an ownership test indexes the whole graph.
        List<FindingSource> walks = new ArrayList<>();
        for (OwnershipTest test : parameters.ownershipTests()) {
            walks.add(source(test, test.criteria(parameters.bannedAt(now)), graph, null));
        }
        graph.read(() -> {
            walks.forEach(walk -> found.add(walk.find(party)));
            return null;
        });
        return found;
    }

    /** Computes one ownership test for one party of the request. */
    private interface FindingSource {
        OwnershipFinding find(PartyInfo party);
    }

    /**
     * @param at the instant decided for, or null for now (read from the kept restriction indexes)
     */
    private static FindingSource source(
            OwnershipTest test, RestrictionCriteria criteria, OwnershipGraph graph, Instant at) {
        String id = test.getId();
        // With exact, fully recorded stakes the bounds agree: one computation gives both.
        boolean bounded = criteria.countsUnaccounted() || graph.hasUncertainStakes();
        return switch (test.getSemantics()) {
            case RESTRICTED_BY_EXTENSION -> {
                RestrictedByExtension walk = at == null
                        ? new RestrictedByExtension(graph, criteria)
                        : RestrictedByExtension.atInstants(graph, criteria);
                if (bounded && at == null) {
                    walk.prepare(Bound.UPPER);
                }
                ExtensionCounterfactual counterfactuals = new ExtensionCounterfactual(graph, criteria);
                yield party -> {
                    ExtensionFinding lower = walk.evaluate(party.id(), Bound.LOWER, at);
                    ExtensionFinding upper = bounded ? walk.upperAfter(lower, at) : lower;
                    // Only a finding that can deny needs its counterfactual; computing it costs a fixpoint per stake.
                    Counterfactual counterfactual =
                            lower.exceeded() ? counterfactuals.explain(party.id(), lower.restrictedShare(), at) : null;
                    return new OwnershipFinding(id, lower, upper, counterfactual);
                };
            }
            case LOOK_THROUGH -> {
                LookThrough lookThrough = new LookThrough(graph, criteria);
                yield party -> {
                    LookThrough.Bounds bounds = lookThrough.evaluateBounds(party.id(), at);
                    return new OwnershipFinding(id, bounds.lower(), bounds.upper());
                };
            }
        };
    }

    private static Facts gather(
            DecisionQuery query, Instant at, Map<String, FindingSource> walks, OwnershipGraph graph) {
        PartyInfo subject = graph.party(query.subjectId())
                .orElseThrow(() -> new UnknownPartyException("subject", query.subjectId()));
        PartyInfo endCustomer = null;
        if (query.onBehalfOfId() != null) {
            endCustomer = graph.party(query.onBehalfOfId())
                    .orElseThrow(() -> new UnknownPartyException("onBehalfOf", query.onBehalfOfId()));
        }
        List<Object> facts = new ArrayList<>();
        facts.add(new Request(query.action().wireName(), endCustomer != null, at));
        facts.add(new Subject(subject));
        if (endCustomer != null) {
            facts.add(new EndCustomer(endCustomer));
        }
        for (FindingSource walk : walks.values()) {
            for (PartyInfo party : endCustomer == null ? List.of(subject) : List.of(subject, endCustomer)) {
                // Individuals are never restricted through ownership; no finding to compute for them.
                if (party.kind().isOrganisation()) {
                    facts.add(walk.find(party));
                }
            }
        }
        return new Facts(facts, graph.version());
    }

    private static Decision combine(
            String decisionId, DecisionQuery query, String policyVersion, long registryVersion, Evaluation evaluation) {
        List<Reason> denials = new ArrayList<>();
        List<Reason> reviews = new ArrayList<>();
        List<Reason> permissions = new ArrayList<>();
        for (FiredVerdict fired : evaluation.verdicts()) {
            Verdict verdict = fired.verdict();
            Outcome effect = switch (verdict.effect()) {
                case DENY -> Outcome.DENY;
                case REVIEW -> Outcome.REVIEW;
                case PERMIT -> Outcome.PERMIT;
            };
            Reason reason = new Reason(
                    fired.rule().name(), fired.rule().clause(), effect, verdict.getMessage(), verdict.getEvidence());
            switch (effect) {
                case DENY -> denials.add(reason);
                case REVIEW -> reviews.add(reason);
                case PERMIT -> permissions.add(reason);
            }
        }
        Outcome outcome;
        List<Reason> reasons;
        if (!denials.isEmpty()) {
            outcome = Outcome.DENY;
            reasons = denials;
        } else if (!reviews.isEmpty()) {
            outcome = Outcome.REVIEW;
            reasons = reviews;
        } else if (!permissions.isEmpty()) {
            outcome = Outcome.PERMIT;
            reasons = permissions;
        } else {
            outcome = Outcome.DENY;
            reasons = List.of(new Reason(
                    FAIL_CLOSED_RULE,
                    null,
                    Outcome.DENY,
                    "no rule permitted or denied the request, so Clearance denies it",
                    Map.of()));
        }
        return new Decision(
                decisionId,
                outcome,
                policyVersion,
                registryVersion,
                Instant.now(),
                query.subjectId(),
                query.action().wireName(),
                query.onBehalfOfId(),
                query.at(),
                List.copyOf(reasons),
                advice(evaluation));
    }

    private static List<Advice> advice(Evaluation evaluation) {
        return evaluation.advice().stream()
                .map(given -> new Advice(
                        given.rule().name(),
                        given.rule().clause(),
                        given.advice().getCode(),
                        given.advice().getMessage(),
                        given.advice().getEvidence()))
                .toList();
    }

    private record Facts(List<Object> facts, long registryVersion) {}
}
