package io.clearance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** One page of search results and the cursor of the next, shared by the HTTP endpoint and the pages. */
@ApplicationScoped
public class AuditSearch {

    private final AuditRepository repository;
    private final AuditLog log;

    AuditSearch(AuditRepository repository, AuditLog log) {
        this.repository = repository;
        this.log = log;
    }

    /**
     * A record by decision id: a decision answered moments ago may still be only in the journal, and is found
     * there without waiting for the database.
     */
    public Optional<AuditRecord> find(String decisionId) {
        return log.unshipped(decisionId).or(() -> repository.find(decisionId));
    }

    /** A page of search results; first waits (briefly) for what was answered before to reach the database. */
    public Page page(AuditQuery query, AuditCursor after, int limit) {
        log.awaitShipped();
        // One more than asked tells whether a next page exists without counting.
        List<AuditRecord> found = repository.search(query, after, limit + 1);
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<AuditRecord> records = found.subList(0, limit);
        AuditRecord last = records.get(limit - 1);
        return new Page(List.copyOf(records), AuditCursor.of(last).encode());
    }

    /** Records newest first; {@code nextCursor} is {@code null} on the last page. */
    public record Page(List<AuditRecord> records, String nextCursor) {}
}
