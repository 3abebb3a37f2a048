package io.clearance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** One page of search results and the cursor of the next, shared by the HTTP endpoint and the pages. */
@ApplicationScoped
public class AuditSearch {

    private final AuditRepository repository;

    AuditSearch(AuditRepository repository) {
        this.repository = repository;
    }

    public Page page(AuditQuery query, AuditCursor after, int limit) {
        // One more than asked tells whether a next page exists without counting.
        List<AuditRecord> found = repository.search(query, after, limit + 1);
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<AuditRecord> records = found.subList(0, limit);
        AuditRecord last = records.get(limit - 1);
        return new Page(List.copyOf(records), new AuditCursor(last.decidedAt(), last.seq()).encode());
    }

    /** Records newest first; {@code nextCursor} is {@code null} on the last page. */
    public record Page(List<AuditRecord> records, String nextCursor) {}
}
