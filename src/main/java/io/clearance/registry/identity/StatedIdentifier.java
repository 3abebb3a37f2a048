package io.clearance.registry.identity;

import io.clearance.registry.InvalidField;
import io.clearance.registry.RegistryRejection;

/**
 * An identifier an imported record states of its party (a BODS entity's {@code identifiers[]}, an FtM
 * {@code leiCode}), with the field of the record that states it: a refusal of it names that field.
 */
public record StatedIdentifier(Identifier identifier, String field) {

    /** Reads {@code scheme} and {@code id} as {@code field} states them; refused, naming the field, when invalid. */
    public static StatedIdentifier of(String scheme, String id, String field) {
        try {
            return new StatedIdentifier(Identifier.of(scheme, id), field);
        } catch (RegistryRejection e) {
            throw new InvalidField(field, e.errorCode(), e.getMessage());
        }
    }
}
