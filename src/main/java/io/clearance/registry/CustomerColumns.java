package io.clearance.registry;

import io.clearance.domain.CustomerLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads the declared resellers and their customer relationships in plain JDBC, as the graph's load does. */
final class CustomerColumns {

    private CustomerColumns() {}

    static void readInto(Statement statement, List<String> resellers, List<CustomerLink> links) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select id from party where reseller = true")) {
            while (rows.next()) {
                resellers.add(rows.getString(1));
            }
        }
        try (ResultSet rows = statement.executeQuery(
                "select reseller_id, customer_id, valid_from, valid_to, reference from reseller_customer")) {
            while (rows.next()) {
                links.add(new CustomerLink(
                        rows.getString(1),
                        rows.getString(2),
                        instant(rows.getObject(3, OffsetDateTime.class)),
                        instant(rows.getObject(4, OffsetDateTime.class)),
                        rows.getString(5)));
            }
        }
    }

    // As StakeColumns reads them: an offset date-time is exact on H2 and PostgreSQL alike.
    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
