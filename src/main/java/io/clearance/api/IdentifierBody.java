package io.clearance.api;

import io.clearance.registry.identity.Identifier;

/**
 * An identifier as a client writes it: {@code {"scheme": "lei", "id": "5493001KJTIIGC8Y1R12"}}. Read into an
 * {@link Identifier}, which checks the scheme and, for an LEI, its check digits.
 */
public record IdentifierBody(String scheme, String id) {

    /** What a {@code null} in a list of identifiers reads as: refused like an empty one. */
    static final IdentifierBody NONE = new IdentifierBody(null, null);

    public Identifier read() {
        return Identifier.of(scheme, id);
    }
}
