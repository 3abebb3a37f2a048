/**
 * The ownership-aggregation service: an in-memory graph of parties and stakes, and the walks over it that
 * compute how much of an organisation restricted parties hold, with the paths that prove it: restriction
 * by extension ({@link io.clearance.ownership.RestrictedByExtension}), look-through
 * ({@link io.clearance.ownership.LookThrough}), and the counterfactuals of both. It knows
 * nothing of Drools; the rules tell it, through {@link io.clearance.ownership.RestrictionCriteria}, what to
 * compute.
 */
package io.clearance.ownership;
