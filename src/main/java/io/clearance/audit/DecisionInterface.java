package io.clearance.audit;

/**
 * The interface a decision request came through: named in the log, tagged on the metrics, and deciding how
 * a failure to decide is answered. The v1 API answers it as a logged 5xx refusal; a gateway interface
 * answers it as "unavailable" (503, gRPC {@code UNAVAILABLE}), which the gateway turns into a refusal.
 */
public enum DecisionInterface {
    V1("v1", false),
    BATCH("batch", true),
    AUTHZEN("authzen", true),
    EXT_AUTHZ("ext_authz", true),
    AUTH_REQUEST("auth_request", true);

    private final String wireName;
    private final boolean gateway;

    DecisionInterface(String wireName, boolean gateway) {
        this.wireName = wireName;
        this.gateway = gateway;
    }

    /** The name in the audit record's {@code gateway.interface} and in the metrics' {@code interface} tag. */
    public String wireName() {
        return wireName;
    }

    /** Whether what Clearance cannot decide is answered as unavailable, so that the gateway refuses. */
    public boolean gateway() {
        return gateway;
    }
}
