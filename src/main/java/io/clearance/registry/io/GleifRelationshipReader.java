package io.clearance.registry.io;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.registry.ImportReport;
import io.clearance.registry.InvalidField;
import io.clearance.registry.Provenance;
import io.clearance.registry.RegistrySink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Reads GLEIF RR-CDF 2.1 relationship records (golden copy or delta, JSON or CSV distribution) into stakes
 * between LEI parties. The start node is the child, the end node the parent.
 *
 * <ul>
 *   <li>{@code IS_DIRECTLY_CONSOLIDATED_BY} and {@code IS_ULTIMATELY_CONSOLIDATED_BY}: the parent controls
 *       the child through consolidation (control {@code consolidation}, no percentage: GLEIF states
 *       accounting consolidation, not a share). The ultimate parent is recorded too: it is often the only
 *       link when the intermediate parents have no LEI, and control, unlike shares, cannot be counted twice.
 *   <li>{@code IS_INTERNATIONAL_BRANCH_OF}: a branch is not a separate legal person; it is its head office
 *       abroad. Recorded as the head office holding 100% of it, so that every ownership test gives the
 *       branch its head office's status (and the branch's own country still counts).
 *   <li>Fund relationships ({@code IS_FUND-MANAGED_BY}, {@code IS_SUBFUND_OF}, {@code IS_FEEDER_TO}) are
 *       management, not ownership: skipped and counted, as are nodes that are not LEIs.
 *   <li>The {@code RELATIONSHIP_PERIOD} gives {@code validFrom}/{@code validTo}; other periods (accounting,
 *       filing) say nothing of when the relationship held.
 *   <li>{@code RelationshipStatus INACTIVE} closes the stake: it ends at the period's end date, else at
 *       {@code Registration.LastUpdateDate}.
 * </ul>
 *
 * Provenance: source {@code gleif}, record id {@code <child>/<type>/<parent>}, as of the last update.
 */
public final class GleifRelationshipReader {

    private static final Set<String> FUNDS = Set.of("IS_FUND-MANAGED_BY", "IS_SUBFUND_OF", "IS_FEEDER_TO");

    private GleifRelationshipReader() {}

    public static void readJson(InputStream in, RegistrySink sink, ImportReport report) throws IOException {
        JsonRecords.each(in, report, (line, record) -> relationship(line, GleifFields.of(record), sink, report));
    }

    public static void readCsv(InputStream in, RegistrySink sink, ImportReport report) throws IOException {
        ImportRecords.csvRows(
                in,
                report,
                (row, header) -> relationship(ImportRecords.line(row), GleifFields.of(row, header), sink, report));
    }

    private static void relationship(long line, GleifFields record, RegistrySink sink, ImportReport report) {
        String child = record.text("Relationship.StartNode.NodeID");
        String parent = record.text("Relationship.EndNode.NodeID");
        String type = record.text("Relationship.RelationshipType");
        String id = child + "/" + type + "/" + parent;
        report.at(line, id);
        ImportRecords.guarded(report, () -> {
            if (child == null || parent == null || type == null) {
                String missing = child == null
                        ? "Relationship.StartNode.NodeID"
                        : parent == null ? "Relationship.EndNode.NodeID" : "Relationship.RelationshipType";
                throw new InvalidField(
                        record.field(missing),
                        "a relationship needs `StartNode.NodeID`, `EndNode.NodeID` and `RelationshipType`");
            }
            if (!"LEI".equals(orLei(record.text("Relationship.StartNode.NodeIDType")))
                    || !"LEI".equals(orLei(record.text("Relationship.EndNode.NodeIDType")))) {
                report.skipped("relationships with a node that is not an LEI");
                return;
            }
            if (FUNDS.contains(type)) {
                report.skipped("fund relationships (" + type + ")");
                return;
            }
            StakeTerms terms = switch (type) {
                case "IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY" ->
                    StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION));
                case "IS_INTERNATIONAL_BRANCH_OF" -> StakeTerms.exact(Share.HUNDRED_PERCENT);
                default -> null;
            };
            if (terms == null) {
                throw new InvalidField(
                        record.field("Relationship.RelationshipType"),
                        "`RelationshipType` `" + type + "` is not an RR-CDF 2.1 type");
            }
            String updated = record.text("Registration.LastUpdateDate");
            Provenance from = new Provenance("gleif", id, GleifFields.date(updated));
            Instant start = null;
            Instant end = null;
            String endField = null;
            for (GleifFields.Period period : record.periods()) {
                if ("RELATIONSHIP_PERIOD".equals(period.type())) {
                    start = instant("StartDate", period.startField(), period.start());
                    end = instant("EndDate", period.endField(), period.end());
                    endField = period.endField();
                }
            }
            if (start != null && end != null && !start.isBefore(end)) {
                throw new InvalidField(
                        endField, "the relationship period ends (" + end + ") before it starts (" + start + ")");
            }
            boolean inactive = "INACTIVE".equals(record.text("Relationship.RelationshipStatus"));
            if (inactive && end == null) {
                end = updated != null
                        ? instant("LastUpdateDate", record.field("Registration.LastUpdateDate"), updated)
                        : LocalDate.now(ZoneOffset.UTC)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant();
            }
            if (inactive) {
                sink.endStake(child, parent, end, from);
            } else {
                sink.stake(child, parent, terms.during(start, end), from);
            }
        });
    }

    /** A date of the record, or null when absent; refused naming where it is in the file. */
    private static Instant instant(String name, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return GleifFields.instant(name, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(field, e.getMessage());
        }
    }

    /** Files written before node types were given name LEIs only. */
    private static String orLei(String type) {
        return type == null ? "LEI" : type;
    }
}
