package io.clearance.registry;

import io.clearance.domain.Share;

/**
 * A registry change refused, with nothing changed: a stable code, its class of failure, and a message
 * that names the offending input.
 */
public final class RegistryRejection extends RuntimeException {

    /** How the refusal maps onto HTTP: absent resource, bad input, or conflict with the registry's state. */
    public enum Kind {
        NOT_FOUND,
        INVALID,
        CONFLICT
    }

    private final Kind kind;
    private final String code;

    public RegistryRejection(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public static RegistryRejection unknownParty(String id) {
        return new RegistryRejection(Kind.NOT_FOUND, "unknown-party", "no party with id `" + id + "` in the registry");
    }

    /**
     * The 100% rule broken (see {@link ShareLimit}).
     *
     * @param others the minimum shares other owners hold at that instant, in {@code Share} units
     */
    public static RegistryRejection stakesExceed100(String ownedId, ShareLimit.Excess excess, long others) {
        return new RegistryRejection(
                Kind.CONFLICT,
                "stakes-exceed-100",
                excess.describe(ownedId) + ": other owners already hold " + (excess.ranged() ? "at least " : "")
                        + Share.toPercent(others).toPlainString() + "%");
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
