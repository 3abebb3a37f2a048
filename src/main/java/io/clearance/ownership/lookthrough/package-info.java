/**
 * Look-through (integrated) ownership: the exact solver over a party's ancestors, its strongly connected
 * components, the search for the largest chains, and the counterfactual of a look-through finding.
 */
package io.clearance.ownership.lookthrough;
