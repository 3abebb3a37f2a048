package io.clearance.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clearance.decision.Action;
import io.clearance.decision.Decider;
import io.clearance.decision.DecisionQuery;
import io.clearance.decision.Reason;
import io.clearance.domain.CustomerLink;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.Indeterminate;
import io.clearance.engine.RuleInfo;
import io.clearance.engine.RuleSet;
import io.clearance.ownership.customers.CustomerBook;
import io.clearance.ownership.graph.OwnershipGraph;
import io.clearance.registry.CustomerRules;
import io.clearance.registry.PartyRules;
import io.clearance.registry.RegistryData;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.ShareLimit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs scenario files against a rule set exactly as the server decides: each scenario's registry becomes
 * its own ownership graph, each case goes through the same {@link Decider} as a live request.
 * Also reports rule coverage: the rules that no case made fire.
 */
public final class ScenarioRunner {

    /**
     * Evidence is matched as the answer shows it: its JSON, numbers exact, absent fields absent. Reading
     * typed evidence back into a tree costs a little; scenarios run at authoring time, not per request.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Decider decider;

    /** Decides through {@code decider}: the server's own bean, or a plain one for the command line. */
    public ScenarioRunner(Decider decider) {
        this.decider = decider;
    }

    /** Every case of every scenario, and the coverage of the rule set. */
    public Report run(RuleSet rules, List<Scenario> scenarios) {
        // Warm first (a no-op for a rule set warmed before it was released here), so that no case pays the rule
        // base's cold first runs against the decision budget: a release gate, the command line and the test suite
        // must not fail a case for that (the three-instance test once did).
        new RuleSetWarmUp(decider).warm(rules);
        List<ScenarioResult> results = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        for (Scenario scenario : scenarios) {
            results.addAll(run(rules, scenario, fired));
        }
        List<RuleInfo> uncovered =
                rules.rules().stream().filter(r -> !fired.contains(r.name())).toList();
        return new Report(List.copyOf(results), uncovered);
    }

    private List<ScenarioResult> run(RuleSet rules, Scenario scenario, Set<String> fired) {
        OwnershipGraph graph = graphOf(scenario);
        List<ScenarioResult> results = new ArrayList<>();
        int number = 0;
        for (Scenario.Case testCase : scenario.cases()) {
            number++;
            String name = testCase.name() == null ? "case " + number : testCase.name();
            results.add(runCase(rules, scenario.file(), name, testCase, graph, fired));
        }
        return results;
    }

    private ScenarioResult runCase(
            RuleSet rules, String file, String name, Scenario.Case testCase, OwnershipGraph graph, Set<String> fired) {
        Scenario.Expectation expected = testCase.expect();
        if (testCase.request() == null || expected == null) {
            return new ScenarioResult(
                    file, name, expected, null, List.of("the case needs a `request` and an `expect`"));
        }
        Scenario.CaseRequest request = testCase.request();
        Action action = Action.fromWireName(request.action()).orElse(null);
        if (action == null || request.subject() == null) {
            return new ScenarioResult(
                    file,
                    name,
                    expected,
                    null,
                    List.of("the request needs a `subject` and a known `action`, not `" + request.action() + "`"));
        }
        DecisionQuery query = new DecisionQuery(request.subject(), action, request.onBehalfOf(), request.at());
        Decider.Traced traced;
        try {
            traced = decider.trace("scenario", query, rules, graph);
        } catch (RuntimeException e) {
            return new ScenarioResult(file, name, expected, null, List.of("could not decide: " + e.getMessage()));
        }
        fired.addAll(traced.firedRules());
        List<String> differences = new ArrayList<>(compare(expected, traced.decision()));
        if (!differences.isEmpty() && traced.indeterminate() != null) {
            // "got [(indeterminate)]" alone leaves the author guessing; say what stopped the rules.
            Indeterminate why = traced.indeterminate();
            differences.add(
                    0,
                    "the rules could not decide (" + why.cause().code() + " at rule `" + why.ruleOrUnknown() + "`): "
                            + why.detail());
        }
        return new ScenarioResult(file, name, expected, traced.decision(), List.copyOf(differences));
    }

    /** How a decision differs from what a case expects; empty when it matches. */
    public static List<String> compare(Scenario.Expectation expected, io.clearance.decision.Decision actual) {
        List<String> differences = new ArrayList<>();
        if (expected.decision() != null
                && !expected.decision().equals(actual.decision().name())) {
            differences.add("expected decision " + expected.decision() + ", got " + actual.decision());
        }
        if (expected.rules() != null) {
            Set<String> want = new TreeSet<>(expected.rules());
            Set<String> got =
                    new TreeSet<>(actual.reasons().stream().map(Reason::rule).toList());
            if (!want.equals(got)) {
                differences.add("expected deciding rules " + want + ", got " + got);
            }
        }
        if (expected.advice() != null) {
            List<String> want = expected.advice().stream().sorted().toList();
            List<String> got = actual.adviceCodes().stream().sorted().toList();
            if (!want.equals(got)) {
                differences.add("expected advice " + want + ", got " + got);
            }
        }
        if (expected.adviceEvidence() != null) {
            if (actual.advice().isEmpty()) {
                differences.add("expected advice evidence, got no advice");
            } else {
                EvidenceMatcher.mismatch(
                                "advice evidence",
                                expected.adviceEvidence(),
                                JSON.valueToTree(actual.advice().get(0).evidence()))
                        .ifPresent(differences::add);
            }
        }
        JsonNode evidence = actual.reasons().isEmpty()
                ? JSON.createObjectNode()
                : JSON.valueToTree(actual.reasons().get(0).evidence());
        if (expected.restrictedShare() != null) {
            JsonNode share = findShare(evidence);
            if (share == null || !share.isNumber() || share.decimalValue().compareTo(expected.restrictedShare()) != 0) {
                differences.add(
                        "expected restrictedShare " + expected.restrictedShare().toPlainString() + ", got "
                                + (share != null && share.isNumber()
                                        ? share.decimalValue().toPlainString()
                                        : share));
            }
        }
        if (expected.evidence() != null) {
            EvidenceMatcher.mismatch("evidence", expected.evidence(), evidence).ifPresent(differences::add);
        }
        return differences;
    }

    /** The aggregate of the first ownership finding in the evidence, at the top or one level down. */
    private static JsonNode findShare(JsonNode evidence) {
        if (evidence.has("restrictedShare")) {
            return evidence.get("restrictedShare");
        }
        for (JsonNode value : evidence) {
            if (value.isObject() && value.has("restrictedShare")) {
                return value.get("restrictedShare");
            }
            if (value.isArray()
                    && !value.isEmpty()
                    && value.get(0).isObject()
                    && value.get(0).has("restrictedShare")) {
                return value.get(0).get("restrictedShare");
            }
        }
        return null;
    }

    /** The scenario's resellers and their customers, checked as the registry checks them. */
    private static void customersOf(Scenario scenario, OwnershipGraph graph) {
        CustomerBook book = graph.customers();
        scenario.parties().stream()
                .filter(RegistryData.PartyData::isReseller)
                .forEach(p -> book.setReseller(p.id(), true));
        Set<String> pairs = new HashSet<>();
        for (int index = 0; index < scenario.customers().size(); index++) {
            Scenario.CustomerData given = scenario.customers().get(index);
            String where = "customers[" + index + "]";
            CustomerLink link;
            try {
                link = given.link();
                CustomerRules.check(link);
            } catch (RegistryRejection | NullPointerException e) {
                throw new ScenarioException(
                        scenario.file(), "has an invalid customer (" + where + "): " + e.getMessage());
            }
            if (graph.party(link.resellerId()).isEmpty()
                    || graph.party(link.customerId()).isEmpty()) {
                throw new ScenarioException(scenario.file(), "has a customer between unknown parties (" + where + ")");
            }
            if (!book.isReseller(link.resellerId())) {
                throw new ScenarioException(
                        scenario.file(),
                        "has a customer of `" + link.resellerId() + "`, which is not a reseller (" + where + ")");
            }
            if (!pairs.add(link.resellerId() + "\n" + link.customerId())) {
                throw new ScenarioException(scenario.file(), "has the same customer twice (" + where + ")");
            }
            book.put(link);
        }
    }

    /** Builds the scenario's registry with the registry's own validation, so scenarios cannot hold what the API refuses. */
    public static OwnershipGraph graphOf(Scenario scenario) {
        OwnershipGraph graph = new OwnershipGraph();
        Map<String, List<StakeTerms>> into = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        try {
            for (RegistryData.PartyData party : scenario.parties()) {
                PartyRules.checkParty(party.toInfo());
                graph.putParty(party.toInfo());
            }
        } catch (RegistryRejection | NullPointerException e) {
            throw new ScenarioException(scenario.file(), "has an invalid party: " + e.getMessage());
        }
        int index = 0;
        try {
            for (RegistryData.StakeData stake : scenario.stakes()) {
                StakeTerms terms = stake.terms();
                if (graph.party(stake.owned()).isEmpty()
                        || graph.party(stake.owner()).isEmpty()) {
                    throw new ScenarioException(
                            scenario.file(),
                            "has a stake between unknown parties `" + stake.owner() + "` → `" + stake.owned() + "`");
                }
                if (Objects.equals(stake.owned(), stake.owner())) {
                    throw new ScenarioException(scenario.file(), "has `" + stake.owner() + "` owning itself");
                }
                if (!pairs.add(stake.owned() + "\n" + stake.owner())) {
                    throw new ScenarioException(
                            scenario.file(),
                            "has two stakes of `" + stake.owner() + "` in `" + stake.owned()
                                    + "`; the registry keeps one a pair");
                }
                List<StakeTerms> together = into.computeIfAbsent(stake.owned(), owned -> new ArrayList<>());
                together.add(terms);
                Optional<ShareLimit.Excess> excess = ShareLimit.firstExcess(together);
                if (excess.isPresent()) {
                    throw new ScenarioException(
                            scenario.file(),
                            "has stakes in `" + stake.owned() + "` adding up to "
                                    + excess.get().amount() + excess.get().when());
                }
                graph.putStake(stake.owned(), stake.owner(), terms);
                index++;
            }
        } catch (RegistryRejection e) {
            throw new ScenarioException(
                    scenario.file(),
                    "has an invalid stake (stakes[" + index + "]): " + e.code() + ": " + e.getMessage());
        } catch (NullPointerException e) {
            throw new ScenarioException(scenario.file(), "has an invalid stake (stakes[" + index + "]): " + e);
        }
        customersOf(scenario, graph);
        return graph;
    }

    /**
     * All results, and the rules of the rule set that no case made fire.
     */
    public record Report(List<ScenarioResult> results, List<RuleInfo> uncoveredRules) {

        public long failed() {
            return results.stream().filter(r -> !r.passed()).count();
        }
    }
}
