package io.clearance.security;

import java.util.Set;

/**
 * The roles a caller can hold. Each names a job, not a person: a gateway asks for decisions, a registrar
 * keeps the registry, an author changes the policy, an auditor reads the trail, an admin may do all of it
 * and manages the keys. The path rules in {@code application.properties} map every endpoint to these.
 */
public final class Roles {

    public static final String GATEWAY = "gateway";
    public static final String REGISTRAR = "registrar";
    public static final String AUTHOR = "author";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    /** Reads {@code /q/metrics} and nothing else: the role of a Prometheus scraper's key. */
    public static final String METRICS = "metrics";

    /** Every role a key or a token can carry. */
    public static final Set<String> ALL = Set.of(GATEWAY, REGISTRAR, AUTHOR, AUDITOR, ADMIN, METRICS);

    private Roles() {}
}
