package io.clearance.authoring;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clearance.domain.CustomerLink;
import io.clearance.registry.RegistryData;
import io.clearance.registry.StakeSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scenario file from {@code policies/tests}: a small registry and the decisions the rules must reach on
 * it, written by a policy author without Java. See {@code policies/tests/README.md} for the format.
 *
 * @param file the file's path relative to the scenario folder; set by the loader
 */
@JsonIgnoreProperties(value = "file", allowGetters = true)
public record Scenario(
        String file,
        String description,
        List<RegistryData.PartyData> parties,
        List<RegistryData.StakeData> stakes,
        List<CustomerData> customers,
        List<Case> cases) {

    public Scenario {
        parties = parties == null ? List.of() : List.copyOf(parties);
        stakes = stakes == null ? List.of() : List.copyOf(stakes);
        customers = customers == null ? List.of() : List.copyOf(customers);
        cases = cases == null ? List.of() : List.copyOf(cases);
    }

    Scenario inFile(String name) {
        return new Scenario(name, description, parties, stakes, customers, cases);
    }

    /**
     * A reseller's registered customer, in the fields of {@code PUT /v1/parties/{reseller}/customers/{customer}}:
     * {@code validFrom} and {@code validTo} are instants or dates as a stake's.
     */
    public record CustomerData(String reseller, String customer, String validFrom, String validTo, String reference) {

        public CustomerLink link() {
            return new CustomerLink(
                    reseller,
                    customer,
                    validFrom == null ? null : StakeSpec.instant("validFrom", validFrom),
                    validTo == null ? null : StakeSpec.instant("validTo", validTo),
                    reference);
        }
    }

    /** One request and what the rules must answer. */
    public record Case(String name, CaseRequest request, Expectation expect) {}

    /**
     * The request, with party ids as plain strings.
     *
     * @param at the instant to decide at, written as an ISO-8601 instant or a date (its start, UTC), as a
     *     stake's {@code validFrom}; {@code null} for now
     */
    public record CaseRequest(String subject, String action, String onBehalfOf, Instant at) {

        @JsonCreator
        static CaseRequest read(
                @JsonProperty("subject") String subject,
                @JsonProperty("action") String action,
                @JsonProperty("onBehalfOf") String onBehalfOf,
                @JsonProperty("at") String at) {
            return new CaseRequest(subject, action, onBehalfOf, at == null ? null : StakeSpec.instant("at", at));
        }
    }

    /**
     * What must come out.
     *
     * @param decision PERMIT, REVIEW or DENY
     * @param rules the names of exactly the rules that determined the decision, in any order
     * @param restrictedShare optional: the aggregate of the first reason's ownership evidence
     * @param evidence optional: a subset of the first reason's evidence that must match
     * @param advice optional: exactly the codes of the advice the decision carries, in any order ({@code []}
     *     asserts there is none)
     * @param adviceEvidence optional: a subset of the first advice's evidence that must match
     *     <p>The two evidence expectations stay maps: they are whatever subset of the evidence's JSON the
     *     scenario's author wrote in YAML, matched against that JSON by {@link EvidenceMatcher}.
     */
    public record Expectation(
            String decision,
            List<String> rules,
            BigDecimal restrictedShare,
            Map<String, Object> evidence,
            List<String> advice,
            Map<String, Object> adviceEvidence) {}
}
