package io.clearance.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact ownership shares. A share is a {@code long} count of millionths of a percent, so 100% is
 * {@value #HUNDRED_PERCENT} units; sums are exact and cannot drift the way binary floating point does
 * (14.16 + 19.85 + 15.99 is exactly 50, not 50.00000000000001).
 */
public final class Share {

    /** Decimal places of a percentage that a share keeps. */
    public static final int SCALE = 6;

    public static final long HUNDRED_PERCENT = 100_000_000L;

    private Share() {}

    /**
     * Converts a percentage to units.
     *
     * @throws ArithmeticException when the percentage has more than {@value #SCALE} decimal places
     */
    public static long fromPercent(BigDecimal percent) {
        return percent.movePointRight(SCALE)
                .setScale(0, RoundingMode.UNNECESSARY)
                .longValueExact();
    }

    public static long fromPercent(String percent) {
        return fromPercent(new BigDecimal(percent));
    }

    /** The percentage a count of units stands for, without trailing zeros: 60000000 gives 60. */
    public static BigDecimal toPercent(long units) {
        BigDecimal percent = BigDecimal.valueOf(units, SCALE).stripTrailingZeros();
        // stripTrailingZeros turns 100 into 1E+2; explanations read better in plain notation.
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    /** True when the percentage fits a share exactly: more than zero decimals beyond SCALE would be lost. */
    public static boolean isRepresentable(BigDecimal percent) {
        return percent.stripTrailingZeros().scale() <= SCALE;
    }
}
