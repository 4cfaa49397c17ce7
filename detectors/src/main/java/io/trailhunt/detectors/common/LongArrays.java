package io.trailhunt.detectors.common;

/** Small sorted arrays of longs kept in state (POJO fields serialize as primitive arrays, cheaply). */
public final class LongArrays {
    private LongArrays() {}

    /** A copy of {@code a} with {@code v} at index {@code at}. */
    public static long[] insert(long[] a, int at, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    /** A copy of {@code a} without the value at index {@code at}. */
    public static long[] remove(long[] a, int at) {
        long[] out = new long[a.length - 1];
        System.arraycopy(a, 0, out, 0, at);
        System.arraycopy(a, at + 1, out, at, a.length - at - 1);
        return out;
    }
}
