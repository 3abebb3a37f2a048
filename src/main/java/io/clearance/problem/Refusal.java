package io.clearance.problem;

/**
 * Why a request was refused: its stable code and the text for people. What a logged rejection carries, and
 * what an endpoint turns into its problem body.
 */
public record Refusal(ErrorCode code, String detail) {}
