package io.clearance.api;

import java.util.List;

/**
 * One page of an audit search, newest first.
 *
 * @param nextCursor where the next page starts; absent on the last page
 */
public record AuditDecisionPage(List<AuditDecisionSummary> decisions, String nextCursor) {}
