package io.clearance.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one direct stake says, as the ownership graph keeps it: the share (exact, or a range whose bounds may
 * each be exclusive, BODS-style), any control held without a percentage, and when the stake is in force.
 *
 * <p>An exact share is a range with equal, inclusive bounds. A control-only stake has the share 0 to 0
 * and at least one control basis. Shares are {@link Share} units; instants are epoch seconds, with
 * {@link #ALWAYS_FROM} and {@link #ALWAYS_TO} for an open end.
 *
 * @param min the lowest share the stake may be; exclusive when {@code minExclusive}
 * @param max the highest share the stake may be; exclusive when {@code maxExclusive}
 * @param controlBits the {@link ControlBasis#bit()} of every basis of control the owner holds
 * @param validFrom first instant in force (inclusive), epoch seconds
 * @param validTo end of force (exclusive), epoch seconds
 */
public record StakeTerms(
        long min, boolean minExclusive, long max, boolean maxExclusive, int controlBits, long validFrom, long validTo) {

    public static final long ALWAYS_FROM = Long.MIN_VALUE;
    public static final long ALWAYS_TO = Long.MAX_VALUE;

    public StakeTerms {
        if (min < 0 || max > Share.HUNDRED_PERCENT || min > max) {
            throw new IllegalArgumentException("stake range " + min + ".." + max + " is not within 0..100%");
        }
        if (min == max && (minExclusive || maxExclusive)) {
            throw new IllegalArgumentException("an exclusive range needs a lower bound below its upper bound");
        }
        if (validFrom >= validTo) {
            throw new IllegalArgumentException("a stake must come into force before it ends");
        }
    }

    /** An exact share, always in force, no control. */
    public static StakeTerms exact(long share) {
        return new StakeTerms(share, false, share, false, 0, ALWAYS_FROM, ALWAYS_TO);
    }

    /** A range with BODS-style exclusive bounds: the share is strictly between {@code min} and {@code max}. */
    public static StakeTerms between(long min, long max) {
        return new StakeTerms(min, true, max, true, 0, ALWAYS_FROM, ALWAYS_TO);
    }

    /** Control without a percentage. */
    public static StakeTerms control(Set<ControlBasis> bases) {
        return new StakeTerms(0, false, 0, false, bitsOf(bases), ALWAYS_FROM, ALWAYS_TO);
    }

    public StakeTerms withControl(Set<ControlBasis> bases) {
        return new StakeTerms(min, minExclusive, max, maxExclusive, bitsOf(bases), validFrom, validTo);
    }

    /** In force from {@code from} (inclusive, null: always) until {@code to} (exclusive, null: for ever). */
    public StakeTerms during(Instant from, Instant to) {
        return new StakeTerms(
                min,
                minExclusive,
                max,
                maxExclusive,
                controlBits,
                from == null ? ALWAYS_FROM : from.getEpochSecond(),
                to == null ? ALWAYS_TO : to.getEpochSecond());
    }

    public boolean isExact() {
        return min == max;
    }

    public boolean hasControl() {
        return controlBits != 0;
    }

    public Set<ControlBasis> control() {
        Set<ControlBasis> bases = EnumSet.noneOf(ControlBasis.class);
        for (ControlBasis basis : ControlBasis.values()) {
            if ((controlBits & basis.bit()) != 0) {
                bases.add(basis);
            }
        }
        return bases;
    }

    public boolean isDated() {
        return validFrom != ALWAYS_FROM || validTo != ALWAYS_TO;
    }

    public boolean inForceAt(long epochSecond) {
        return validFrom <= epochSecond && epochSecond < validTo;
    }

    private static int bitsOf(Set<ControlBasis> bases) {
        int bits = 0;
        for (ControlBasis basis : bases) {
            bits |= basis.bit();
        }
        return bits;
    }
}
