package io.clearance.api;

import java.util.Map;

/**
 * A candidate rule set sent by an author: rule files by name ({@code "ownership.drl": "package ..."})
 * and, optionally, the written policy to check clauses against (the one on disk when absent).
 */
public record CandidateBody(Map<String, String> files, String policy) {}
