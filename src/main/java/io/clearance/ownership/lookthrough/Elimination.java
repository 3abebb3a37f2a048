package io.clearance.ownership.lookthrough;

import io.clearance.ownership.Rational;
import java.util.Arrays;

/**
 * Exact Gauss-Jordan elimination over rationals, for one strongly connected component of look-through's
 * linear system {@code (I - M) L = b}; a singular system is a closed ring, whose least solution is 0.
 */
final class Elimination {

    private Elimination() {}

    /** Gauss-Jordan elimination, exact; a singular system is a closed ring, whose least solution is 0. */
    static Rational[] solve(Rational[][] rows, int n) {
        boolean anyInput = false;
        for (Rational[] row : rows) {
            anyInput |= !row[n].isZero();
        }
        for (int col = 0; col < n; col++) {
            int pivot = -1;
            for (int r = col; r < n && pivot < 0; r++) {
                if (!rows[r][col].isZero()) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                if (anyInput) {
                    throw new ArithmeticException("look-through system is singular although seeds reach it:"
                            + " the stakes into some party add up to more than 100%");
                }
                Rational[] zeros = new Rational[n];
                Arrays.fill(zeros, Rational.ZERO);
                return zeros;
            }
            Rational[] swap = rows[col];
            rows[col] = rows[pivot];
            rows[pivot] = swap;
            Rational inverse = Rational.ONE.divide(rows[col][col]);
            for (int c = col; c <= n; c++) {
                rows[col][c] = rows[col][c].multiply(inverse);
            }
            for (int r = 0; r < n; r++) {
                if (r != col && !rows[r][col].isZero()) {
                    Rational factor = rows[r][col];
                    for (int c = col; c <= n; c++) {
                        rows[r][c] = rows[r][c].subtract(factor.multiply(rows[col][c]));
                    }
                }
            }
        }
        Rational[] solution = new Rational[n];
        for (int i = 0; i < n; i++) {
            solution[i] = rows[i][n];
        }
        return solution;
    }
}
