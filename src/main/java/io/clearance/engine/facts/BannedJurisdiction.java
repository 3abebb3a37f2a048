package io.clearance.engine.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.clearance.domain.Countries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A policy parameter declared in DRL: a country whose organisations and residents are refused, and whose
 * organisations seed the ownership restriction, from the day the ban took effect (and until it is
 * lifted, if it is). It reads as a sentence:
 *
 * <pre>
 * BannedJurisdiction.of("CN").from("2025-09-05")
 * </pre>
 *
 * A decision about an instant before the ban (a request's {@code at}) does not see it. Immutable: each step
 * returns a new ban.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BannedJurisdiction {

    private final String code;
    private final Instant from;
    private final Instant until;

    /** A ban in force at every instant. */
    public BannedJurisdiction(String code) {
        this(code, null, null);
    }

    private BannedJurisdiction(String code, Instant from, Instant until) {
        if (!Countries.isIsoCode(code)) {
            throw new IllegalArgumentException("`" + code + "` is not an ISO 3166-1 alpha-2 country code");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("the ban on " + code + " must start before it ends");
        }
        this.code = code;
        this.from = from;
        this.until = until;
    }

    public static BannedJurisdiction of(String code) {
        return new BannedJurisdiction(code);
    }

    /** In force from {@code date} (an ISO date, from its start in UTC, or an ISO instant). */
    public BannedJurisdiction from(String date) {
        return new BannedJurisdiction(code, instant(date), until);
    }

    /** Lifted at {@code date} (an ISO date, from its start in UTC, or an ISO instant): no longer in force then. */
    public BannedJurisdiction until(String date) {
        return new BannedJurisdiction(code, from, instant(date));
    }

    public String getCode() {
        return code;
    }

    /** The first instant the ban is in force; null: always. */
    public Instant getFrom() {
        return from;
    }

    /** The instant the ban is lifted; null: never. */
    public Instant getUntil() {
        return until;
    }

    /**
     * Whether the ban is in force at {@code at}; rules match bans with {@code this.inForceAt($at)} (with
     * {@code this.}, Drools knows the call reads the ban itself and does not warn about class reactivity).
     */
    public boolean inForceAt(Instant at) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }

    /** "CN (China)". */
    @JsonIgnore
    public String label() {
        return code + " (" + Countries.displayName(code) + ")";
    }

    /** Reads a date or an instant; a policy author writes dates, replays need instants. */
    public static Instant instant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "`" + text + "` is neither an ISO date (2025-09-05) nor an instant (2025-09-05T00:00:00Z)");
        }
    }
}
