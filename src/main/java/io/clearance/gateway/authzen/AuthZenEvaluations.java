package io.clearance.gateway.authzen;

import java.util.List;

/** The Access Evaluations response: one Decision per evaluation, in the request's order. */
public record AuthZenEvaluations(List<AuthZenDecision> evaluations) {}
