package io.clearance.registry;

import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The 100% rule ({@link ShareLimit}) over a whole registry, as an import leaves it before it commits: the
 * stakes are read in the order of the party they are held in, one party's at a time, so memory holds one
 * party's owners. Every party over 100% is refused in the report under its id.
 */
final class ShareCheck {

    private static final String STAKE_COLUMNS = Arrays.stream(StakeColumns.COLUMNS.split(","))
            .map(column -> "s." + column.strip())
            .collect(Collectors.joining(", "));

    private ShareCheck() {}

    /** Checks the parties an import staged stakes into (its other parties' stakes did not change). */
    static void staged(Connection connection, ImportReport report) throws SQLException {
        // A join with the distinct staged parties, not `owned_id in (select ...)`: H2 runs that subquery once per
        // stored stake, which held a 50,000-stake import for minutes.
        try (PreparedStatement select = connection.prepareStatement("select s.owned_id, " + STAKE_COLUMNS
                + " from (select distinct owned_id from import_stake) i join stake s on s.owned_id = i.owned_id"
                // Control without a share (a GLEIF consolidation) adds nothing to any sum: not read.
                + " where s.percent is not null or s.min_percent is not null"
                + " order by s.owned_id")) {
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                String owned = null;
                List<StakeTerms> together = new ArrayList<>();
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (!id.equals(owned)) {
                        check(owned, together, report);
                        owned = id;
                        together.clear();
                    }
                    together.add(StakeColumns.read(rows, 2).terms());
                }
                check(owned, together, report);
            }
        }
    }

    private static void check(String owned, List<StakeTerms> together, ImportReport report) {
        if (owned == null || together.size() < 2) {
            return;
        }
        ShareLimit.firstExcess(together)
                .ifPresent(excess -> report.reject(0, owned, ErrorCode.STAKES_EXCEED_100, excess.describe(owned)));
    }
}
