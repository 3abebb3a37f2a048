package io.clearance.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.audit.DecisionInterface;
import io.clearance.audit.ReceivedDecisionRequest;
import io.clearance.problem.ErrorCode;
import io.clearance.problem.Refusal;
import io.clearance.registry.outbox.RegistryFollower;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Read-your-writes for the gateway interfaces, as {@code minRegistryVersion} is for {@code POST /v1/decisions}:
 * AuthZEN's {@code context.min_registry_version}, and the header {@code X-Clearance-Min-Registry-Version} of
 * {@code /v1/authz} and Envoy. A request that names a version is decided once this instance's graph has
 * reached it, waiting for the follower up to {@code clearance.registry.follow.min-version-wait}, and else is
 * refused with 503 {@code registry-behind} (closed, logged): never decided on an older registry.
 */
@ApplicationScoped
public class MinRegistryVersion {

    /** The header a gateway's caller sets to the {@code Clearance-Registry-Version} of its own write. */
    public static final String HEADER = "X-Clearance-Min-Registry-Version";

    private final RegistryFollower follower;
    private final ManagedExecutor workers;

    MinRegistryVersion(RegistryFollower follower, ManagedExecutor workers) {
        this.follower = follower;
        this.workers = workers;
    }

    /** A version that is not a whole number from 0: answered 400 {@code invalid-min-registry-version}. */
    public static final class Invalid extends Exception {
        private final transient Refusal refusal;

        Invalid(String given) {
            super(given, null, false, false);
            this.refusal = new Refusal(
                    ErrorCode.INVALID_MIN_REGISTRY_VERSION,
                    given + " must be a whole number from 0 (a registry version)");
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** The header's value as a version; {@code null} when it is absent. */
    public static Long ofHeader(String value) throws Invalid {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        // Digits only: Long.parseLong would take a sign, and a version is never negative.
        if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Invalid("the header `" + HEADER + "`");
        }
        return Long.parseLong(trimmed);
    }

    /** A JSON value as a version (AuthZEN's context); {@code null} when it is absent or null. */
    public static Long ofJson(JsonNode value, String name) throws Invalid {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new Invalid("`" + name + "`");
        }
        return value.asLong();
    }

    /**
     * Whether this instance's graph has reached {@code wanted}, waiting briefly for the follower when it has
     * not; at once when nothing is wanted or it has. For the event loop: a wait completes on a worker.
     */
    public Uni<Boolean> reached(Long wanted) {
        return follower.reachedThenOn(wanted, workers);
    }

    /** Whether this instance's graph stands at {@code wanted} or newer now, without waiting. */
    public boolean hasReached(long wanted) {
        return follower.applied() >= wanted;
    }

    /** As {@link #reached(Long)}, blocking: for a worker thread. */
    public boolean reachedNow(Long wanted) {
        if (wanted == null) {
            return true;
        }
        try {
            return follower.reached(wanted).get();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code request} as received once this instance reached the version {@code header} asks for ({@link
     * #HEADER}'s value); refused as invalid or as behind otherwise. For the event loop.
     */
    public Uni<ReceivedDecisionRequest> received(GatewayRequest request, DecisionInterface via, String header) {
        long wanted;
        try {
            wanted = ofHeader(header);
        } catch (Invalid e) {
            return Uni.createFrom().item(request.refused(via, e.refusal()));
        }
        return reached(wanted)
                .map(reached ->
                        reached ? request.received(via) : request.refused(via, behind(wanted, "`" + HEADER + "`")));
    }

    /** The refusal of a request whose version this instance did not reach in time. */
    public Refusal behind(long wanted, String name) {
        return follower.behind(wanted, name);
    }
}
