package io.clearance.registry;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stake's terms as the {@code stake} table holds them (migration V5), shared by the entity, the graph
 * load at start and the bulk import so that the three read and write the same columns the same way.
 *
 * <p>An exact share fills {@code percent} only; a range fills {@code min_percent} and {@code max_percent}
 * with their exclusivity flags; control only fills neither. {@code control} is a comma-separated list of
 * wire names; open validity ends are {@code null}.
 */
public record StakeColumns(
        BigDecimal percent,
        BigDecimal minPercent,
        boolean minExclusive,
        BigDecimal maxPercent,
        boolean maxExclusive,
        String control,
        Instant validFrom,
        Instant validTo) {

    /** The columns in the order {@link #read} and {@link #bind} take them. */
    public static final String COLUMNS =
            "percent, min_percent, min_exclusive, max_percent, max_exclusive, control, valid_from, valid_to";

    static StakeColumns of(StakeTerms terms) {
        boolean exact = terms.isExact() && terms.max() > 0;
        boolean range = !terms.isExact();
        return new StakeColumns(
                exact ? decimal(terms.min()) : null,
                range ? decimal(terms.min()) : null,
                range && terms.minExclusive(),
                range ? decimal(terms.max()) : null,
                range && terms.maxExclusive(),
                terms.hasControl()
                        ? terms.control().stream().map(ControlBasis::wireName).collect(Collectors.joining(","))
                        : null,
                terms.validFrom() == StakeTerms.ALWAYS_FROM ? null : Instant.ofEpochSecond(terms.validFrom()),
                terms.validTo() == StakeTerms.ALWAYS_TO ? null : Instant.ofEpochSecond(terms.validTo()));
    }

    public StakeTerms terms() {
        StakeTerms share;
        if (percent != null) {
            share = StakeTerms.exact(Share.fromPercent(percent));
        } else if (minPercent != null) {
            share = new StakeTerms(
                    Share.fromPercent(minPercent),
                    minExclusive,
                    Share.fromPercent(maxPercent),
                    maxExclusive,
                    0,
                    StakeTerms.ALWAYS_FROM,
                    StakeTerms.ALWAYS_TO);
        } else {
            share = StakeTerms.exact(0);
        }
        return share.withControl(bases()).during(validFrom, validTo);
    }

    /** Reads the {@link #COLUMNS} starting at column {@code first} of the current row. */
    public static StakeColumns read(ResultSet rows, int first) throws SQLException {
        return new StakeColumns(
                rows.getBigDecimal(first),
                rows.getBigDecimal(first + 1),
                rows.getBoolean(first + 2),
                rows.getBigDecimal(first + 3),
                rows.getBoolean(first + 4),
                rows.getString(first + 5),
                instant(rows.getObject(first + 6, OffsetDateTime.class)),
                instant(rows.getObject(first + 7, OffsetDateTime.class)));
    }

    /** Binds the {@link #COLUMNS} as parameters {@code first} onwards. */
    void bind(PreparedStatement statement, int first) throws SQLException {
        statement.setBigDecimal(first, percent);
        statement.setBigDecimal(first + 1, minPercent);
        statement.setBoolean(first + 2, minExclusive);
        statement.setBigDecimal(first + 3, maxPercent);
        statement.setBoolean(first + 4, maxExclusive);
        statement.setString(first + 5, control);
        timestamp(statement, first + 6, validFrom);
        timestamp(statement, first + 7, validTo);
    }

    private Set<ControlBasis> bases() {
        Set<ControlBasis> bases = EnumSet.noneOf(ControlBasis.class);
        if (control != null) {
            for (String name : control.split(",")) {
                bases.add(ControlBasis.ofWireName(name)
                        .orElseThrow(() ->
                                new IllegalStateException("the registry holds an unknown control `" + name + "`")));
            }
        }
        return bases;
    }

    private static BigDecimal decimal(long units) {
        return Share.toPercent(units).setScale(Share.SCALE);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static void timestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }
}
