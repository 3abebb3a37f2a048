/**
 * Resellers and the customers they serve, in memory beside the ownership graph: which parties are declared
 * resellers, their dated customer relationships, and the chain (reseller → platform → end customer) that
 * connects a reseller to a customer at an instant. The registry mirrors every committed change here, as it
 * does into the graph, so that a decision (for now, for an {@code at}, or a replay) reads what was stored.
 */
package io.clearance.ownership.customers;
