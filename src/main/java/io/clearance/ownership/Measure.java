package io.clearance.ownership;

/**
 * One ownership measure a rule set declares, translated for the ownership side: its id (what rules match
 * findings by), how shares add up, and the criteria in force at the instant decided on. Equal measures give
 * equal findings for a party, so whole-registry runs share them between rule sets.
 */
public record Measure(String id, Semantics semantics, RestrictionCriteria criteria) {}
