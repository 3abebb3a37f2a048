/**
 * Registry files: one reader or writer per format (CSV, JSON Lines, YAML, BODS 0.4 packages), chosen by
 * {@link io.clearance.registry.io.RegistryFile}, and the synthetic registry generator. Everything read or
 * generated is poured into a {@link io.clearance.registry.RegistrySink}; this package depends on
 * {@code registry}, never the other way round.
 */
package io.clearance.registry.io;
