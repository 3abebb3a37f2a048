package io.clearance.ownership;

/**
 * Which end of the uncertainty a computation takes. Ranges, and shares the registry does not account for,
 * leave a party's restricted share between two bounds; a policy denies on the lower and reviews up to the
 * upper.
 */
public enum Bound {
    /** Every stake at its minimum, holders the registry does not know of clean: what is certainly held. */
    LOWER,
    /**
     * Every restricted owner's stake at its maximum (others at their minimum, within 100%), and, where the
     * test counts it, the unaccounted remainder held by restricted parties: what may be held.
     */
    UPPER
}
