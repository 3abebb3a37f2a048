package io.clearance.registry;

import io.clearance.domain.Share;
import io.clearance.problem.ErrorCode;

/**
 * A registry change refused, with nothing changed: a stable code (which says how the refusal maps onto
 * HTTP) and a message that names the offending input.
 */
public final class RegistryRejection extends RuntimeException {

    private final ErrorCode code;

    public RegistryRejection(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public static RegistryRejection unknownParty(String id) {
        return new RegistryRejection(ErrorCode.UNKNOWN_PARTY, "no party with id `" + id + "` in the registry");
    }

    /**
     * The 100% rule broken (see {@link ShareLimit}).
     *
     * @param others the minimum shares other owners hold at that instant, in {@code Share} units
     */
    public static RegistryRejection stakesExceed100(String ownedId, ShareLimit.Excess excess, long others) {
        return new RegistryRejection(
                ErrorCode.STAKES_EXCEED_100,
                excess.describe(ownedId) + ": other owners already hold " + (excess.ranged() ? "at least " : "")
                        + Share.toPercent(others).toPlainString() + "%");
    }

    public ErrorCode errorCode() {
        return code;
    }

    /** The stable code, as in the problem body. */
    public String code() {
        return code.code();
    }
}
