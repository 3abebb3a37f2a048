package io.clearance.api;

import io.clearance.engine.CompileError;
import io.clearance.engine.PolicyParameters;
import io.clearance.engine.RuleInfo;
import java.util.List;

/**
 * The answer of {@code POST /v1/policy/validate} for a candidate that compiles (one that does not is a
 * {@code rule-set-rejected} problem): its version, rules and parameters, and
 * what compiles but deserves an author's look.
 *
 * @param valid always {@code true}; kept so that clients can branch on the body alone
 */
public record CandidateValidation(
        boolean valid,
        String version,
        List<RuleInfo> rules,
        PolicyParameters parameters,
        List<CompileError> warnings) {}
