package io.clearance.security;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as Clearance keeps it: who it is for, what it may do, its life span; never the key itself,
 * only the SHA-256 of it ({@link ApiKeySecret}).
 *
 * @param id the public part of the key, also how changes and decisions name the caller ({@code key:<id>})
 * @param secretHash the SHA-256 of the whole key, hex; never leaves the store
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param revokedAt when the key was revoked, or {@code null}
 */
public record ApiKey(
        String id,
        String name,
        Set<String> roles,
        String secretHash,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy) {

    /** Whether the key authenticates a request made at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    ApiKey revoked(Instant at, String by) {
        return new ApiKey(id, name, roles, secretHash, createdAt, createdBy, expiresAt, at, by);
    }
}
