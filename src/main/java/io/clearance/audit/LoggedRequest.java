package io.clearance.audit;

import java.util.Map;

/**
 * A decision request as the audit record keeps it: the fields as received (any of them {@code null}, and
 * then absent), when it arrived and who asked, never headers or credentials.
 *
 * @param caller who asked (never their credential): chained with the request, searchable in column {@code caller}
 * @param at the instant the request asked to be decided for; only on a decided request that named one
 * @param gateway what a gateway interface's request said beyond the decision's own fields; see {@link
 *     ReceivedDecisionRequest#gateway()}
 */
public record LoggedRequest(
        PartyRef subject,
        String action,
        PartyRef onBehalfOf,
        String receivedAt,
        String caller,
        String at,
        Map<String, Object> gateway) {

    /** A party named in the request, as {@code POST /v1/decisions} names it. */
    public record PartyRef(String partyId) {

        static PartyRef of(String partyId) {
            return partyId == null ? null : new PartyRef(partyId);
        }
    }

    /**
     * What the log keeps as the answer to a request Clearance refused or failed to decide: its decision id,
     * the HTTP status, the problem code and the detail.
     */
    public record Rejection(String decisionId, int status, String code, String detail) {}
}
