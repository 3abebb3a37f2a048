package io.clearance.ownership.graph;

import java.util.Arrays;

/** Small copy-on-change operations on the graph's per-party arrays of owners, holdings and terms. */
final class StakeArrays {

    private StakeArrays() {}

    static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static int[] append(int[] values, int value) {
        int[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    static long[] append(long[] values, long value) {
        long[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    static int[] without(int[] values, int value) {
        int position = indexOf(values, value);
        return position < 0 ? values : removeAt(values, position);
    }

    static int[] removeAt(int[] values, int position) {
        int[] shrunk = new int[values.length - 1];
        System.arraycopy(values, 0, shrunk, 0, position);
        System.arraycopy(values, position + 1, shrunk, position, values.length - position - 1);
        return shrunk;
    }

    static long[] removeAt(long[] values, int position) {
        long[] shrunk = new long[values.length - 1];
        System.arraycopy(values, 0, shrunk, 0, position);
        System.arraycopy(values, position + 1, shrunk, position, values.length - position - 1);
        return shrunk;
    }
}
