package io.clearance.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.decision.Decider;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.engine.RuleSet;
import io.clearance.engine.RuleSetCompiler;
import io.clearance.engine.RuleSource;
import io.clearance.policy.PolicyDocument;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenario files take a stake's terms as the API does (ranges, control, dates, read by the same
 * {@code StakeSpec}), refuse what the API refuses, and carry a case's {@code at} to the decision.
 */
class ScenarioStakeTermsTest {

    private static final RuleSet RULES = new RuleSetCompiler()
            .compile(RuleSource.readDirectory(Path.of("rules")), PolicyDocument.read(Path.of("policies/policy.md")));

    private static final String PARTIES = """
            parties:
              - {id: a, name: A, kind: COMPANY, country: CN}
              - {id: b, name: B, kind: COMPANY, country: RU}
              - {id: c, name: C, kind: COMPANY, country: DE}
            """;

    private final ScenarioLoader loader = new ScenarioLoader();

    @Test
    void stakesTakeRangesControlAndDates() {
        Scenario scenario = loader.parse("terms.yaml", PARTIES + """
                stakes:
                  - {owner: a, owned: c, percent: {min: 50, max: 75}}
                  - {owner: b, owned: c, control: [consolidation]}
                  - {owner: a, owned: b, percent: 60, validFrom: 2024-01-01, validTo: 2025-01-01}
                  - {owner: c, owned: b, percent: {atLeast: 10, atMost: 20}, control: [board-appointment]}
                cases:
                  - request: {subject: c, action: api.access}
                    expect: {}
                """);
        List<StakeTerms> terms = scenario.stakes().stream().map(s -> s.terms()).toList();
        assertEquals(StakeTerms.between(Share.fromPercent("50"), Share.fromPercent("75")), terms.get(0));
        assertEquals(StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION)), terms.get(1));
        assertEquals(
                StakeTerms.exact(Share.fromPercent("60"))
                        .during(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")),
                terms.get(2));
        assertEquals(Set.of(ControlBasis.BOARD_APPOINTMENT), terms.get(3).control());
        // The graph takes them all: the scenario runs.
        assertEquals(
                1,
                new ScenarioRunner(new Decider())
                        .run(RULES, List.of(scenario))
                        .results()
                        .size());
    }

    @Test
    void aCaseCarriesTheInstantItDecidesAt() {
        Scenario scenario = loader.parse("at.yaml", PARTIES + """
                cases:
                  - request: {subject: c, action: api.access, at: 2024-06-01}
                    expect: {}
                  - request: {subject: c, action: api.access, at: "2024-06-01T12:30:00+02:00"}
                    expect: {}
                  - request: {subject: c, action: api.access}
                    expect: {}
                """);
        assertEquals(
                Instant.parse("2024-06-01T00:00:00Z"),
                scenario.cases().get(0).request().at());
        assertEquals(
                Instant.parse("2024-06-01T10:30:00Z"),
                scenario.cases().get(1).request().at());
        assertNull(scenario.cases().get(2).request().at());
    }

    @Test
    void aCaseWithAnInstantThatIsNoneIsRefusedAtLoad() {
        ScenarioException error =
                assertThrows(ScenarioException.class, () -> loader.parse("bad-at.yaml", PARTIES + """
                cases:
                  - request: {subject: c, action: api.access, at: next tuesday}
                    expect: {}
                """));
        assertEquals(
                "`bad-at.yaml` does not follow the scenario format: `at` `next tuesday` is neither an ISO-8601"
                        + " instant such as `2023-01-01T00:00:00Z` nor a date such as `2023-01-01`",
                error.getMessage());
    }

    @Test
    void termsTheApiRefusesAreRefusedWithTheirCodeAndPosition() {
        assertRefused(
                "  - {owner: a, owned: c, percent: {min: 50, max: 50}}\n",
                "`bad.yaml` has an invalid stake (stakes[0]): invalid-range: the range 50 < share < 50 holds no"
                        + " share");
        assertRefused(
                "  - {owner: a, owned: c, percent: 10}\n  - {owner: b, owned: c, control: [voting]}\n",
                "`bad.yaml` has an invalid stake (stakes[1]): invalid-control: control `voting` is not one of"
                        + " `consolidation`, `board-appointment`, `other-influence`");
        assertRefused(
                "  - {owner: a, owned: c, percent: 10, validFrom: 2025-01-01, validTo: 2024-01-01}\n",
                "`bad.yaml` has an invalid stake (stakes[0]): invalid-date: `validFrom` (2025-01-01T00:00:00Z) must"
                        + " be before `validTo` (2024-01-01T00:00:00Z): validTo is exclusive");
        assertRefused(
                "  - {owner: a, owned: c}\n",
                "`bad.yaml` has an invalid stake (stakes[0]): invalid-percent: a stake needs `percent`, `control` or"
                        + " both: `percent` is a number above 0 and at most 100, or a range such as"
                        + " `{\"min\": 25, \"max\": 50}`");
        assertRefused(
                "  - {owner: a, owned: c, percent: 10}\n  - {owner: a, owned: c, percent: 20}\n",
                "`bad.yaml` has two stakes of `a` in `c`; the registry keeps one a pair");
    }

    @Test
    void theHundredPercentRuleCountsMinimumsAtEachInstant() {
        // Apart in time: both 60% stakes fit.
        Scenario apart = scenario("""
                  - {owner: a, owned: c, percent: 60, validTo: 2024-01-01}
                  - {owner: b, owned: c, percent: 60, validFrom: 2024-01-01}
                """);
        assertEquals(
                1,
                new ScenarioRunner(new Decider())
                        .run(RULES, List.of(apart))
                        .results()
                        .size());
        assertRefused(
                "  - {owner: a, owned: c, percent: 60, validTo: 2024-01-02}\n"
                        + "  - {owner: b, owned: c, percent: 60, validFrom: 2024-01-01}\n",
                "`bad.yaml` has stakes in `c` adding up to 120% from 2024-01-01T00:00:00Z");
        assertRefused(
                "  - {owner: a, owned: c, percent: 50}\n  - {owner: b, owned: c, percent: {min: 50}}\n",
                "`bad.yaml` has stakes in `c` adding up to more than 100%");
    }

    private void assertRefused(String stakes, String message) {
        Scenario scenario = loader.parse("bad.yaml", PARTIES + "stakes:\n" + stakes + """
                cases:
                  - request: {subject: c, action: api.access}
                    expect: {}
                """);
        ScenarioException error = assertThrows(
                ScenarioException.class, () -> new ScenarioRunner(new Decider()).run(RULES, List.of(scenario)));
        assertEquals(message, error.getMessage());
    }

    private Scenario scenario(String stakes) {
        Scenario scenario = loader.parse("ok.yaml", PARTIES + "stakes:\n" + stakes + """
                cases:
                  - request: {subject: c, action: api.access}
                    expect: {}
                """);
        assertTrue(scenario.stakes().size() > 0);
        return scenario;
    }
}
