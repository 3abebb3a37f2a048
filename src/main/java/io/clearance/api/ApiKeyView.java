package io.clearance.api;

import io.clearance.security.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An API key as {@code GET /v1/admin/api-keys} lists it and the change log records it: never the key itself.
 *
 * @param roles sorted, so the JSON reads the same whatever order they were granted in
 * @param status {@code active}, {@code expired} or {@code revoked}
 */
public record ApiKeyView(
        String id,
        String name,
        SortedSet<String> roles,
        String createdAt,
        String createdBy,
        String expiresAt,
        String revokedAt,
        String revokedBy,
        String status) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(
                key.id(),
                key.name(),
                new TreeSet<>(key.roles()),
                key.createdAt().toString(),
                key.createdBy(),
                key.expiresAt() == null ? null : key.expiresAt().toString(),
                key.revokedAt() == null ? null : key.revokedAt().toString(),
                key.revokedBy(),
                key.revokedAt() != null ? "revoked" : key.usableAt(Instant.now()) ? "active" : "expired");
    }

    /** The answer to {@code GET /v1/admin/api-keys}. */
    public record Listed(List<ApiKeyView> keys) {}

    /** The answer to creating a key: the only time the key itself is shown. */
    public record Created(String id, String name, SortedSet<String> roles, String expiresAt, String key) {}
}
