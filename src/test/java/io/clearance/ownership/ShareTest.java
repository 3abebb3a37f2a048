package io.clearance.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.Share;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Shares are the currency of every ownership decision: a threshold test is only as exact as the
 * conversion between the percentages the registry stores and the units the graph adds up.
 */
class ShareTest {

    @Test
    void fromPercentCountsMillionthsOfAPercent() {
        assertEquals(60_000_000L, Share.fromPercent("60"));
        assertEquals(14_160_000L, Share.fromPercent("14.16"));
        assertEquals(1L, Share.fromPercent("0.000001"));
        assertEquals(Share.HUNDRED_PERCENT, Share.fromPercent("100"));
        assertEquals(0L, Share.fromPercent("0"));
        assertEquals(50_000_000L, Share.fromPercent(new BigDecimal("50.000")));
    }

    @Test
    void toPercentPrintsPlainDecimalsWithoutTrailingZeros() {
        assertEquals("60", Share.toPercent(60_000_000L).toString());
        assertEquals("14.16", Share.toPercent(14_160_000L).toString());
        assertEquals("0.000001", Share.toPercent(1L).toString());
        assertEquals("0", Share.toPercent(0L).toString());
        // stripTrailingZeros alone would give 1E+2, which is no way to show an auditor a percentage
        assertEquals("100", Share.toPercent(100_000_000L).toString());
        assertEquals("100", Share.toPercent(100_000_000L).toPlainString());
        assertEquals("1000", Share.toPercent(1_000_000_000L).toString());
    }

    @Test
    void roundTripIsExactForEverySixDecimalPercentage() {
        for (String percent : new String[] {"0.01", "33.333333", "49.999999", "50.000001", "99.99", "12.5", "7"}) {
            BigDecimal original = new BigDecimal(percent);
            assertEquals(0, original.compareTo(Share.toPercent(Share.fromPercent(original))), percent);
        }
    }

    @Test
    void rejectsPercentagesThatWouldLosePrecision() {
        assertThrows(ArithmeticException.class, () -> Share.fromPercent("0.0000001"));
        assertThrows(ArithmeticException.class, () -> Share.fromPercent("50.0000001"));
        assertFalse(Share.isRepresentable(new BigDecimal("50.0000001")));
        // A seventh decimal that is zero loses nothing, so it is not a reason to refuse the input.
        assertEquals(50_000_000L, Share.fromPercent("50.0000000"));
        assertTrue(Share.isRepresentable(new BigDecimal("50.0000000")));
    }

    @Test
    void sumsStayExactWhereDoublesDrift() {
        double asDoubles = 14.16 + 19.85 + 15.99;
        assertEquals(50.00000000000001, asDoubles);
        assertTrue(asDoubles > 50.0, "the reason shares are not doubles: this would pass a 'more than 50%' test");

        long asShares = Share.fromPercent("14.16") + Share.fromPercent("19.85") + Share.fromPercent("15.99");
        assertEquals(Share.fromPercent("50"), asShares);
        assertEquals("50", Share.toPercent(asShares).toString());
    }
}
