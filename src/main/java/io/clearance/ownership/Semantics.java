package io.clearance.ownership;

/** How restricted parties' holdings add up; the order is the order findings are listed in evidence. */
public enum Semantics {
    /** A restricted owner passes its whole stake on; an unrestricted one passes nothing (OFAC practice). */
    RESTRICTED_BY_EXTENSION("restricted-by-extension"),
    /** Stakes multiply along every chain from a seed and the chains add up (integrated ownership). */
    LOOK_THROUGH("look-through");

    private final String wireName;

    Semantics(String wireName) {
        this.wireName = wireName;
    }

    /** The name evidence uses, e.g. {@code look-through}. */
    public String wireName() {
        return wireName;
    }
}
