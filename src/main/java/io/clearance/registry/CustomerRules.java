package io.clearance.registry;

import io.clearance.domain.CustomerLink;
import io.clearance.problem.ErrorCode;

/** What the registry accepts as a reseller's customer relationship, beyond the parties existing. */
public final class CustomerRules {

    static final int MAX_REFERENCE = 256;

    private CustomerRules() {}

    public static void check(CustomerLink link) {
        PartyRules.checkId(link.resellerId());
        PartyRules.checkId(link.customerId());
        if (link.resellerId().equals(link.customerId())) {
            throw new RegistryRejection(
                    ErrorCode.SELF_CUSTOMER, "reseller `" + link.resellerId() + "` cannot be its own customer");
        }
        if (link.validFrom() != null
                && link.validTo() != null
                && !link.validFrom().isBefore(link.validTo())) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_DATE,
                    "`validFrom` (" + link.validFrom() + ") must be before `validTo` (" + link.validTo()
                            + "): validTo is exclusive");
        }
        String reference = link.reference();
        if (reference != null && (reference.isBlank() || reference.length() > MAX_REFERENCE)) {
            throw new RegistryRejection(
                    ErrorCode.INVALID_REFERENCE,
                    "`reference` must be 1 to " + MAX_REFERENCE + " characters, not blank");
        }
    }
}
