package io.clearance.engine.facts;

import io.clearance.registry.Countries;

/**
 * A policy parameter declared in DRL: a country whose organisations and residents are refused, and whose
 * organisations seed the ownership restriction.
 */
public final class BannedJurisdiction {

    private final String code;

    public BannedJurisdiction(String code) {
        if (!Countries.isIsoCode(code)) {
            throw new IllegalArgumentException("`" + code + "` is not an ISO 3166-1 alpha-2 country code");
        }
        this.code = code;
    }

    public String getCode() {
        return code;
    }

    /** "CN (China)". */
    public String label() {
        return code + " (" + Countries.displayName(code) + ")";
    }
}
