/**
 * The ground floor: what a party is (kind, country), what a stake says (shares, ranges, control, dates).
 * Every other package may use these types; they use none of Clearance's own.
 */
package io.clearance.domain;
