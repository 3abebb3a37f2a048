/**
 * The fact model as DRL authors need it, generated from the fact classes by reflection and joined with the
 * descriptions kept beside them ({@code io/clearance/engine/facts/reference.yaml}), so it cannot drift.
 */
package io.clearance.reference;
