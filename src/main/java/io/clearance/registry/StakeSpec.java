package io.clearance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import io.clearance.problem.ErrorCode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one reading of what a stake says, shared by the HTTP API, the registry files and the scenario files
 * so that the three cannot disagree; and the one way of writing it back.
 *
 * <p>A stake is written as up to four fields:
 *
 * <ul>
 *   <li>{@code percent}: a number for an exact share ({@code 60}), or a range object, BODS-style:
 *       {@code {"min": 25, "max": 50}} means 25 &lt; share &lt; 50 (exclusive bounds), {@code atLeast} and
 *       {@code atMost} are inclusive; at most one bound a side; a missing lower bound is 0 inclusive, a
 *       missing upper bound 100 inclusive;
 *   <li>{@code control}: wire names of {@link ControlBasis}, for control held without (or beside) a
 *       percentage; without {@code percent} the share is 0 to 0;
 *   <li>{@code validFrom} (inclusive) and {@code validTo} (exclusive): an ISO-8601 instant such as
 *       {@code 2023-01-01T00:00:00Z}, or a date such as {@code 2023-01-01} meaning the start of that day, UTC.
 * </ul>
 *
 * A field that is absent or {@code null} is not given. Refusals are {@link RegistryRejection}s of kind
 * {@code INVALID} with the codes below.
 */
public final class StakeSpec {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final List<String> BOUNDS = List.of("min", "max", "atLeast", "atMost");
    // invariant: every instant the registry stores fits a SQL timestamp on H2 and PostgreSQL alike.
    private static final int FIRST_YEAR = 1;
    private static final int LAST_YEAR = 9999;

    private StakeSpec() {}

    /**
     * Reads the terms of a stake; each argument may be {@code null} when the field is absent.
     *
     * @throws RegistryRejection naming the offending field, with one of this class's codes
     */
    public static StakeTerms read(JsonNode percent, JsonNode control, JsonNode validFrom, JsonNode validTo) {
        Set<ControlBasis> bases = given(control) ? control(control) : Set.of();
        StakeTerms terms;
        if (given(percent)) {
            terms = share(percent).withControl(bases);
        } else if (!bases.isEmpty()) {
            terms = StakeTerms.control(bases);
        } else {
            throw invalid(
                    ErrorCode.INVALID_PERCENT,
                    "a stake needs `percent`, `control` or both: `percent` is a number above 0 and at most 100, or a"
                            + " range such as `{\"min\": 25, \"max\": 50}`");
        }
        Instant from = given(validFrom) ? instant("validFrom", validFrom) : null;
        Instant to = given(validTo) ? instant("validTo", validTo) : null;
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid(
                    ErrorCode.INVALID_DATE,
                    "`validFrom` (" + from + ") must be before `validTo` (" + to + "): validTo is exclusive");
        }
        return terms.during(from, to);
    }

    /**
     * Reads an instant or a date as {@code validFrom}, {@code validTo} and a scenario's {@code at} take it.
     *
     * @param field the field's name, for the message
     */
    public static Instant instant(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw invalid(
                    ErrorCode.INVALID_DATE,
                    "`" + field + "` must be an ISO-8601 instant such as `2023-01-01T00:00:00Z` or a date such as"
                            + " `2023-01-01`, not " + typeOf(value));
        }
        return instant(field, value.asText());
    }

    /** As {@link #instant(String, JsonNode)}, from text. */
    public static Instant instant(String field, String text) {
        Instant instant;
        try {
            instant = text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeException e) {
            throw invalid(
                    ErrorCode.INVALID_DATE,
                    "`" + field + "` `" + text + "` is neither an ISO-8601 instant such as `2023-01-01T00:00:00Z`"
                            + " nor a date such as `2023-01-01`");
        }
        if (instant.getNano() != 0) {
            throw invalid(ErrorCode.INVALID_DATE, "`" + field + "` `" + text + "` must be a whole second");
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw invalid(ErrorCode.INVALID_DATE, "`" + field + "` `" + text + "` must lie in the years 1 to 9999");
        }
        return instant;
    }

    // ---- Writing --------------------------------------------------------------------------------

    /**
     * The {@code percent} field as written back: a {@link BigDecimal} for an exact share, a map with both
     * bounds for a range (so that a reader never has to know the defaults), {@code null} for control only.
     */
    public static Object percent(StakeTerms terms) {
        if (terms.isExact()) {
            return terms.max() == 0 ? null : Share.toPercent(terms.min());
        }
        Map<String, BigDecimal> range = new LinkedHashMap<>();
        range.put(terms.minExclusive() ? "min" : "atLeast", Share.toPercent(terms.min()));
        range.put(terms.maxExclusive() ? "max" : "atMost", Share.toPercent(terms.max()));
        return range;
    }

    /** The {@code control} field as written back: wire names in a fixed order, or {@code null} for none. */
    public static List<String> control(StakeTerms terms) {
        if (!terms.hasControl()) {
            return null;
        }
        return terms.control().stream().map(ControlBasis::wireName).toList();
    }

    /** {@code validFrom} or {@code validTo} as written back, e.g. {@code 2023-01-01T00:00:00Z}; null when open. */
    public static String instantText(long epochSecond) {
        return epochSecond == StakeTerms.ALWAYS_FROM || epochSecond == StakeTerms.ALWAYS_TO
                ? null
                : Instant.ofEpochSecond(epochSecond).toString();
    }

    // ---- Reading, piece by piece ----------------------------------------------------------------

    private static StakeTerms share(JsonNode percent) {
        if (percent.isNumber()) {
            BigDecimal value = percent.decimalValue();
            if (value.signum() <= 0 || value.compareTo(HUNDRED) > 0) {
                throw invalid(
                        ErrorCode.INVALID_PERCENT,
                        "percent `" + value.toPlainString() + "` must be above 0 and at most 100");
            }
            return StakeTerms.exact(units(ErrorCode.INVALID_PERCENT, "percent", value));
        }
        if (percent.isObject()) {
            return range(percent);
        }
        throw invalid(
                ErrorCode.INVALID_PERCENT,
                "`percent` must be a JSON number or a range such as `{\"min\": 25, \"max\": 50}`, not "
                        + typeOf(percent));
    }

    private static StakeTerms range(JsonNode range) {
        for (Iterator<String> names = range.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BOUNDS.contains(name)) {
                throw invalid(
                        ErrorCode.INVALID_RANGE,
                        "`percent." + name + "` is not a bound: a range takes `min` or `atLeast`, and `max` or"
                                + " `atMost`");
            }
        }
        if (range.isEmpty()) {
            throw invalid(
                    ErrorCode.INVALID_RANGE, "a range needs a bound: `min`, `max` (exclusive), `atLeast`, `atMost`");
        }
        if (range.has("min") && range.has("atLeast")) {
            throw invalid(
                    ErrorCode.INVALID_RANGE, "a range takes one lower bound: `min` (exclusive) or `atLeast`, not both");
        }
        if (range.has("max") && range.has("atMost")) {
            throw invalid(
                    ErrorCode.INVALID_RANGE, "a range takes one upper bound: `max` (exclusive) or `atMost`, not both");
        }
        boolean minExclusive = range.has("min");
        boolean maxExclusive = range.has("max");
        long min = bound(range, minExclusive ? "min" : "atLeast", 0);
        long max = bound(range, maxExclusive ? "max" : "atMost", Share.HUNDRED_PERCENT);
        if (min > max || (min == max && (minExclusive || maxExclusive))) {
            throw invalid(
                    ErrorCode.INVALID_RANGE,
                    "the range " + Share.toPercent(min).toPlainString() + (minExclusive ? " < " : " ≤ ") + "share"
                            + (maxExclusive ? " < " : " ≤ ")
                            + Share.toPercent(max).toPlainString()
                            + " holds no share");
        }
        if (max == 0) {
            throw invalid(
                    ErrorCode.INVALID_RANGE, "a range must allow a share above 0; for control alone, omit `percent`");
        }
        // Equal inclusive bounds are an exact share, and written back as one.
        return min == max
                ? StakeTerms.exact(min)
                : new StakeTerms(min, minExclusive, max, maxExclusive, 0, StakeTerms.ALWAYS_FROM, StakeTerms.ALWAYS_TO);
    }

    private static long bound(JsonNode range, String name, long absent) {
        JsonNode value = range.get(name);
        if (value == null) {
            return absent;
        }
        if (!value.isNumber()) {
            throw invalid(
                    ErrorCode.INVALID_RANGE, "`percent." + name + "` must be a JSON number, not " + typeOf(value));
        }
        BigDecimal percent = value.decimalValue();
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw invalid(
                    ErrorCode.INVALID_RANGE,
                    "`percent." + name + "` `" + percent.toPlainString() + "` must be between 0 and 100");
        }
        return units(ErrorCode.INVALID_RANGE, "percent." + name, percent);
    }

    private static long units(ErrorCode code, String field, BigDecimal percent) {
        if (!Share.isRepresentable(percent)) {
            throw invalid(code, "`" + field + "` `" + percent.toPlainString() + "` has more than 6 decimal places");
        }
        return Share.fromPercent(percent);
    }

    private static Set<ControlBasis> control(JsonNode control) {
        String known = Arrays.stream(ControlBasis.values())
                .map(b -> "`" + b.wireName() + "`")
                .collect(Collectors.joining(", "));
        if (!control.isArray()) {
            throw invalid(
                    ErrorCode.INVALID_CONTROL, "`control` must be a list of " + known + ", not " + typeOf(control));
        }
        Set<ControlBasis> bases = EnumSet.noneOf(ControlBasis.class);
        for (JsonNode element : control) {
            ControlBasis basis = element.isTextual()
                    ? ControlBasis.ofWireName(element.asText()).orElse(null)
                    : null;
            if (basis == null) {
                throw invalid(
                        ErrorCode.INVALID_CONTROL,
                        "control " + (element.isTextual() ? "`" + element.asText() + "`" : typeOf(element))
                                + " is not one of " + known);
            }
            if (!bases.add(basis)) {
                throw invalid(ErrorCode.INVALID_CONTROL, "control `" + basis.wireName() + "` is named twice");
            }
        }
        return bases;
    }

    private static boolean given(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static RegistryRejection invalid(ErrorCode code, String message) {
        return new RegistryRejection(code, message);
    }
}
