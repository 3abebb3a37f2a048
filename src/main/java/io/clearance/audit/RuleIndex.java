package io.clearance.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The search index by deciding rule ({@code audit_chain_rule}) is derived, never written on its own: its rows
 * for a record are the distinct rule names of the record's chained answer, cut to the column's 512 characters.
 * Shipping writes them and {@code verify} checks them against the answer.
 */
public final class RuleIndex {

    private RuleIndex() {}

    public static List<String> rules(AuditRecord record, ObjectMapper json) {
        return RecordView.rules(record, json).stream()
                .map(rule -> rule.length() > 512 ? rule.substring(0, 512) : rule)
                .distinct()
                .sorted()
                .toList();
    }
}
