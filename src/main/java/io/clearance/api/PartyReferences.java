package io.clearance.api;

import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.RegistryRejection;
import io.clearance.registry.identity.Identifier;
import io.clearance.registry.identity.PartyIdentifiers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parties a decision request names, by {@code partyId} or by {@code identifier} (an LEI, a company
 * number...), resolved on the in-memory index. Shared by every interface that takes the request's shape
 * ({@code POST /v1/decisions} and each item of the batch), so that both refuse the same way.
 */
@ApplicationScoped
public class PartyReferences {

    private final PartyIdentifiers identifiers;

    PartyReferences(PartyIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    /**
     * A request with its parties resolved.
     *
     * @param subjectId the subject's party id; {@code null} when not given or not resolved
     * @param onBehalfOfId the end customer's party id, likewise
     * @param given each identifier as the caller gave it ({@code subjectIdentifier}, {@code onBehalfOfIdentifier}),
     *     kept in the audit record beside the request's fields
     * @param refusal why a party could not be resolved; {@code null} when all were
     */
    public record Resolved(String subjectId, String onBehalfOfId, Map<String, Object> given, Refusal refusal) {

        /** The request with its parties given by the ids their identifiers resolved to. */
        public DecisionRequest applyTo(DecisionRequest request) {
            if (request == null) {
                return null;
            }
            return new DecisionRequest(
                    request.subject() == null ? null : new DecisionRequest.PartyRef(subjectId),
                    request.action(),
                    request.onBehalfOf() == null ? null : new DecisionRequest.PartyRef(onBehalfOfId),
                    request.at());
        }
    }

    /** Resolves the subject and the end customer of {@code request} (which may be null: nothing to resolve). */
    public Resolved resolve(DecisionRequest request) {
        Map<String, Object> given = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        String subjectId = resolve("subject", request == null ? null : request.subject(), given, refusals);
        String onBehalfOfId = resolve("onBehalfOf", request == null ? null : request.onBehalfOf(), given, refusals);
        return new Resolved(subjectId, onBehalfOfId, given, refusals.isEmpty() ? null : refusals.get(0));
    }

    /**
     * The party id a reference names: its {@code partyId}, or the party that carries its {@code identifier}
     * (then noted in {@code given} as {@code <role>Identifier}). A reference that cannot be resolved adds its
     * refusal to {@code refusals} and names no party.
     */
    private String resolve(
            String role, DecisionRequest.PartyRef ref, Map<String, Object> given, List<Refusal> refusals) {
        if (ref == null || ref.identifier() == null) {
            return ref == null ? null : ref.partyId();
        }
        given.put(role + "Identifier", ref.identifier());
        if (ref.partyId() != null) {
            refusals.add(new Refusal(
                    ErrorCode.AMBIGUOUS_SUBJECT, "`" + role + "` names a `partyId` and an `identifier`: give one"));
            return null;
        }
        try {
            Identifier identifier = ref.identifier().read();
            Optional<String> party = identifiers.partyOf(identifier);
            if (party.isEmpty()) {
                refusals.add(new Refusal(
                        ErrorCode.UNKNOWN_PARTY_IN_REQUEST,
                        "the " + role + "'s identifier `" + identifier + "` is carried by no party in the registry"));
            }
            return party.orElse(null);
        } catch (RegistryRejection e) {
            refusals.add(new Refusal(e.errorCode(), e.getMessage()));
            return null;
        }
    }
}
