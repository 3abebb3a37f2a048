package io.clearance.engine;

/**
 * A stored rule-set version whose files no longer hash to its version id: someone edited them in the
 * database. It is never compiled, replayed or activated.
 */
public final class PolicyVersionTamperedException extends RuntimeException {

    private final String version;

    public PolicyVersionTamperedException(String version, String recomputed) {
        super("stored policy version `" + version + "` no longer matches its content (its files hash to `" + recomputed
                + "`): it was changed in the database and is not used");
        this.version = version;
    }

    public String version() {
        return version;
    }
}
