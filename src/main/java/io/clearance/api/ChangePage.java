package io.clearance.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A page of the change log, newest first, as {@code GET /v1/admin/changes} answers it.
 *
 * @param nextCursor where the next page starts; absent on the last page
 */
public record ChangePage(List<Change> changes, String nextCursor) {

    /**
     * One recorded change: who did what to which target, the state before and after as it was logged (JSON of
     * whatever the changed thing is, hence a tree), and its place in the change log's hash chain.
     */
    public record Change(
            long seq,
            String changeId,
            String at,
            String actor,
            String actorKind,
            String action,
            String target,
            JsonNode before,
            JsonNode after,
            String prevHash,
            String hash) {}
}
