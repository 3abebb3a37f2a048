package io.clearance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.domain.ControlBasis;
import io.clearance.domain.Share;
import io.clearance.domain.StakeTerms;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 100% rule over minimums, exclusive bounds and validity intervals, without a database. */
class ShareLimitTest {

    @Test
    void exactSharesMayAddUpToExactly100() {
        assertFalse(excess(exact("14.16"), exact("19.85"), exact("65.99")).isPresent());
        ShareLimit.Excess over = excess(exact("60"), exact("40.000001")).orElseThrow();
        assertEquals("stakes in `x` would add up to 100.000001%", over.describe("x"));
    }

    @Test
    void anExclusiveMinimumMayNotReachExactly100() {
        ShareLimit.Excess over = excess(exact("50"), between("50", "75")).orElseThrow();
        assertEquals("stakes in `x` would add up to more than 100%", over.describe("x"));
        assertFalse(excess(exact("50"), inclusive("50", "75")).isPresent());
        // 0 exclusive is still more than nothing.
        assertTrue(excess(exact("100"), between("0", "10")).isPresent());
        assertFalse(excess(exact("100"), inclusive("0", "10")).isPresent());
    }

    @Test
    void controlWithoutAPercentageCountsNothing() {
        assertFalse(excess(exact("100"), StakeTerms.control(Set.of(ControlBasis.CONSOLIDATION)))
                .isPresent());
    }

    @Test
    void stakesWhoseIntervalsDoNotOverlapNeverAddUp() {
        StakeTerms early = exact("60").during(day("2020-01-01"), day("2022-01-01"));
        StakeTerms late = exact("60").during(day("2022-01-01"), null);
        assertFalse(excess(early, late).isPresent(), "validTo is exclusive: the two only touch");
        assertFalse(excess(early, late, exact("40").during(day("2021-06-01"), day("2023-01-01")))
                .isPresent());
        ShareLimit.Excess over = excess(early, late, exact("50").during(day("2021-06-01"), day("2023-01-01")))
                .orElseThrow();
        assertEquals(day("2021-06-01").getEpochSecond(), over.at());
        assertEquals(Share.fromPercent("110"), over.minimum());
        assertEquals("stakes in `x` would add up to 110% from 2021-06-01T00:00:00Z", over.describe("x"));
    }

    @Test
    void theFirstInstantOfAnExcessIsReportedWithItsSum() {
        StakeTerms always = between("40", "60");
        StakeTerms later = exact("61").during(day("2024-03-01"), day("2024-04-01"));
        ShareLimit.Excess over = excess(always, later).orElseThrow();
        assertEquals("stakes in `x` would add up to at least 101% from 2024-03-01T00:00:00Z", over.describe("x"));
        assertTrue(over.ranged());
    }

    @Test
    void onlyTheGivenIntervalIsChecked() {
        List<StakeTerms> stakes = List.of(
                exact("80").during(day("2020-01-01"), day("2021-01-01")),
                exact("80").during(day("2020-06-01"), day("2021-06-01")));
        assertTrue(ShareLimit.firstExcess(stakes).isPresent());
        assertFalse(ShareLimit.firstExcess(stakes, day("2021-01-01").getEpochSecond(), StakeTerms.ALWAYS_TO)
                .isPresent());
    }

    @Test
    void aMinimumOfZeroEndingWhereAnotherStartsLeavesNoExclusiveBehind() {
        StakeTerms band = between("0", "10").during(null, day("2022-01-01"));
        StakeTerms whole = exact("100").during(day("2022-01-01"), null);
        assertFalse(excess(band, whole).isPresent());
        assertTrue(excess(band, exact("100").during(day("2021-12-31"), null)).isPresent());
    }

    private static Optional<ShareLimit.Excess> excess(StakeTerms... stakes) {
        return ShareLimit.firstExcess(List.of(stakes));
    }

    private static StakeTerms exact(String percent) {
        return StakeTerms.exact(Share.fromPercent(percent));
    }

    private static StakeTerms between(String min, String max) {
        return StakeTerms.between(Share.fromPercent(min), Share.fromPercent(max));
    }

    private static StakeTerms inclusive(String min, String max) {
        return new StakeTerms(
                Share.fromPercent(min),
                false,
                Share.fromPercent(max),
                false,
                0,
                StakeTerms.ALWAYS_FROM,
                StakeTerms.ALWAYS_TO);
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }
}
