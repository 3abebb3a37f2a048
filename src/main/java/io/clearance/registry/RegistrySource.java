package io.clearance.registry;

import java.io.IOException;
import java.util.List;

/**
 * A whole registry that can be poured into a {@link RegistrySink}: a file of one of the formats of
 * {@code registry/io}, or the synthetic generator.
 */
@FunctionalInterface
public interface RegistrySource {

    /**
     * Sends every party, then every stake, to {@code sink}.
     *
     * @return notes on what the source held that the registry does not record; empty when there is none
     * @throws IllegalArgumentException naming the position of a refused row
     */
    List<String> readInto(RegistrySink sink) throws IOException;
}
