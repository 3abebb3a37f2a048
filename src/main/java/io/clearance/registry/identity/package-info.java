/**
 * The identifiers a party is known by elsewhere (LEI, company numbers, OpenSanctions ids): their rules, their
 * storage beside the party, and the in-memory index decisions and look-ups resolve them on.
 */
package io.clearance.registry.identity;
