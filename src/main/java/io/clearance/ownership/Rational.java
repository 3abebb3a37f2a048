package io.clearance.ownership;

import io.clearance.domain.Share;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact fraction, for look-through ownership: products of stakes along paths and the solution of the
 * linear system a cycle of holdings sets up are rationals that no fixed number of decimals holds, and a
 * comparison with a threshold must never be decided by a rounding error.
 *
 * <p>invariant: the fraction is in lowest terms and the denominator is positive, so equal values have
 * equal representations and {@link #equals} is value equality.
 */
public final class Rational implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    private static final BigInteger HUNDRED_PERCENT = BigInteger.valueOf(Share.HUNDRED_PERCENT);

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Rational(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static Rational of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("a fraction with denominator zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (gcd.signum() == 0 || gcd.equals(BigInteger.ONE)) {
            return numerator.signum() == 0 ? ZERO : new Rational(numerator, denominator);
        }
        return new Rational(numerator.divide(gcd), denominator.divide(gcd));
    }

    public static Rational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** A share in {@link Share} units as a fraction of the whole: 50% is 1/2. */
    public static Rational ofShare(long units) {
        return of(BigInteger.valueOf(units), HUNDRED_PERCENT);
    }

    public Rational add(Rational other) {
        if (denominator.equals(other.denominator)) {
            return of(numerator.add(other.numerator), denominator);
        }
        return of(
                numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational subtract(Rational other) {
        return add(other.negate());
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational multiply(Rational other) {
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational divide(Rational other) {
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public int signum() {
        return numerator.signum();
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    @Override
    public int compareTo(Rational other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /** Compares this fraction of the whole with a percentage in {@link Share} units, exactly. */
    public int compareToShare(long units) {
        return numerator
                .multiply(HUNDRED_PERCENT)
                .compareTo(BigInteger.valueOf(units).multiply(denominator));
    }

    /** True when the value as a percentage has at most {@link Share#SCALE} decimals, so display loses nothing. */
    public boolean isExactShare() {
        return numerator.multiply(HUNDRED_PERCENT).mod(denominator).signum() == 0;
    }

    /** The value as a percentage rounded half-up to {@link Share#SCALE} places, without trailing zeros. */
    public BigDecimal toPercent() {
        BigDecimal percent = new BigDecimal(numerator.multiply(BigInteger.valueOf(100)))
                .divide(new BigDecimal(denominator), Share.SCALE, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return percent.scale() < 0 ? percent.setScale(0) : percent;
    }

    /** The value as an exact percentage fraction, e.g. "200/3" for 66.666…%; for evidence when rounding loses. */
    public String toExactPercent() {
        Rational percent = multiply(of(100, 1));
        return percent.denominator.equals(BigInteger.ONE)
                ? percent.numerator.toString()
                : percent.numerator + "/" + percent.denominator;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
