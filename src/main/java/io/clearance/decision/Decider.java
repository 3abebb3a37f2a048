package io.clearance.decision;

import io.clearance.domain.PartyInfo;
import io.clearance.engine.Evaluation;
import io.clearance.engine.FiredVerdict;
import io.clearance.engine.Indeterminate;
import io.clearance.engine.PolicyParameters;
import io.clearance.engine.RuleSet;
import io.clearance.engine.facts.EndCustomer;
import io.clearance.engine.facts.Evidence;
import io.clearance.engine.facts.OwnershipFinding;
import io.clearance.engine.facts.OwnershipMeasure;
import io.clearance.engine.facts.Request;
import io.clearance.engine.facts.Subject;
import io.clearance.engine.facts.Verdict;
import io.clearance.ownership.FindingService;
import io.clearance.ownership.Measure;
import io.clearance.ownership.PreparedFinding;
import io.clearance.ownership.evidence.EvidenceLimits;
import io.clearance.ownership.graph.OwnershipGraph;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>The one place facts are assembled: live requests, shadow evaluation, replays, impact analysis and
 * scenarios all decide through it. A CDI bean for the server; {@code new Decider()} for the command line
 * and plain tests (it holds nothing but its evidence limits). What the ownership side finds comes through its one port, {@link
 * FindingService}.
 */
@ApplicationScoped
public class Decider {

    /** The rule name a reason carries when no rule reached a verdict. */
    public static final String FAIL_CLOSED_RULE = "(no rule reached a verdict)";

    /**
     * The rule name a reason carries when the rules could not decide (a rule threw, ran past its budget, or
     * rules looped); its evidence names the rule under {@code indeterminate}.
     */
    public static final String INDETERMINATE_RULE = "(indeterminate)";

    /** True when the rules could not decide and the DENY is Clearance failing closed (gateways answer 503). */
    public static boolean isIndeterminate(Decision decision) {
        return decision.reasons().size() == 1
                && INDETERMINATE_RULE.equals(decision.reasons().get(0).rule());
    }

    // How much of a proof evidence shows; the findings themselves are whole.
    private final EvidenceLimits limits;

    /** A decider with the default evidence limits: the command line and plain tests. */
    public Decider() {
        this(EvidenceLimits.DEFAULT);
    }

    @Inject
    public Decider(EvidenceConfig config) {
        this(config.limits());
    }

    public Decider(EvidenceLimits limits) {
        this.limits = limits;
    }

    public Decision decide(String decisionId, DecisionQuery query, RuleSet rules, OwnershipGraph graph) {
        return trace(decisionId, query, rules, graph).decision();
    }

    /** Decides, and also reports every rule that fired on the way (for scenario coverage). */
    public Traced trace(String decisionId, DecisionQuery query, RuleSet rules, OwnershipGraph graph) {
        Instant at = query.at() == null ? graph.now() : query.at();
        // Prepared outside the read: the first use of an ownership measure indexes the whole graph.
        FindingService.Finder finder = new FindingService(graph).prepare(measures(rules, at), query.at(), limits);
        // One read of the graph: parties, findings and registry version all come from the same state.
        Facts facts = graph.read(() -> gather(query, at, finder, graph));
        Evaluation evaluation = rules.evaluate(facts.facts());
        return new Traced(
                combine(decisionId, query, rules.version(), facts.registryVersion(), evaluation),
                evaluation.firedRules(),
                evaluation.indeterminate());
    }

    /**
     * A decision with the names of the rules that fired while reaching it.
     *
     * @param indeterminate why the rules could not decide; {@code null} when they came to rest
     */
    public record Traced(Decision decision, List<String> firedRules, Indeterminate indeterminate) {}

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
        Map<List<Measure>, List<Object>> findingsByMeasures = new HashMap<>();
        List<List<Decision>> answers = new ArrayList<>();
        Instant now = graph.now();
        for (RuleSet rules : ruleSets) {
            List<Measure> key = measures(rules, now);
            List<Object> findings = findingsByMeasures.computeIfAbsent(key, k -> findingsOf(party, k, graph));
            List<Decision> decisions = new ArrayList<>();
            for (Action action : actions) {
                // The same order as a live request: the request, its party, then the findings.
                List<Object> facts = new ArrayList<>();
                facts.add(new Request(action.wireName(), false, now));
                facts.add(new Subject(party));
                facts.addAll(graph.read(
                        () -> ResellerFacts.of(party, null, now, graph).facts()));
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

    /** The ownership measures a rule set declares, with the bans in force at {@code at}. */
    private static List<Measure> measures(RuleSet rules, Instant at) {
        PolicyParameters parameters = rules.parameters();
        List<Measure> measures = new ArrayList<>();
        for (OwnershipMeasure test : parameters.ownershipTests()) {
            measures.add(test.measure(parameters.bannedAt(at)));
        }
        return measures;
    }

    /** Every ownership finding a rule set's measures give for one party acting alone, now. */
    private List<Object> findingsOf(PartyInfo party, List<Measure> measures, OwnershipGraph graph) {
        if (!party.kind().isOrganisation()) {
            return List.of(); // individuals are never restricted through ownership: nothing to prepare
        }
        // Prepared outside the read: the first use of an ownership measure indexes the whole graph.
        FindingService.Finder finder = new FindingService(graph).prepare(measures, null, limits);
        return graph.read(() -> facts(finder.prepared(List.of(party))));
    }

    private static List<Object> facts(List<PreparedFinding> findings) {
        List<Object> facts = new ArrayList<>(findings.size());
        for (PreparedFinding finding : findings) {
            facts.add(new OwnershipFinding(finding));
        }
        return facts;
    }

    private Facts gather(DecisionQuery query, Instant at, FindingService.Finder finder, OwnershipGraph graph) {
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
        ResellerFacts reseller = ResellerFacts.of(subject, endCustomer, at, graph);
        facts.addAll(reseller.facts());
        List<PartyInfo> judged = new ArrayList<>(List.of(subject));
        if (endCustomer != null) {
            judged.add(endCustomer);
        }
        judged.addAll(reseller.judged());
        facts.addAll(facts(finder.prepared(judged)));
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
        if (evaluation.isIndeterminate()) {
            // Fail closed: what the rules inserted before failing is not a decision.
            outcome = Outcome.DENY;
            reasons = List.of(indeterminate(evaluation.indeterminate()));
        } else if (!denials.isEmpty()) {
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
                    Evidence.none()));
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

    private static Reason indeterminate(Indeterminate why) {
        return new Reason(
                INDETERMINATE_RULE,
                null,
                Outcome.DENY,
                "the rules could not decide: rule `" + why.ruleOrUnknown() + "` "
                        + switch (why.cause()) {
                            case RULE_FAILED -> "failed";
                            case BUDGET_EXCEEDED -> "was about to fire when the time budget ran out";
                            case TOO_MANY_FIRINGS -> "kept firing";
                        }
                        + " (" + why.detail() + "), so Clearance denies the request",
                new Evidence.Indeterminate(new Evidence.Indeterminate.Detail(
                        why.ruleOrUnknown(), why.cause().code(), why.detail())));
    }

    private record Facts(List<Object> facts, long registryVersion) {}
}
