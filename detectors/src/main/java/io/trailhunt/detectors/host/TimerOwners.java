package io.trailhunt.detectors.host;

import io.trailhunt.detectors.common.LongArrays;

import java.util.Arrays;

/**
 * Per principal, which detectors asked for each pending event-time timer: a bit per detector
 * (its position in the host). Timers are shared by all detectors of a principal, and a detector
 * called at a time it did not ask for still costs a read of its state and, for most, a write
 * back; on RocksDB that is a (de)serialization of every detector's state at every timer, most of
 * them the host's own timers releasing held events. Plain Java; the host keeps it in keyed state.
 */
public class TimerOwners {
    /** Timer times, ascending. */
    public long[] times = new long[0];
    /** For each time, the detectors (bit i: the host's detector i) that asked for it. */
    public long[] owners = new long[0];

    public TimerOwners() {}

    /** Records that detector {@code slot} asked for a timer at {@code time}; false when it already had. */
    public boolean add(long time, int slot) {
        long bit = 1L << slot;
        int at = Arrays.binarySearch(times, time);
        if (at >= 0) {
            if ((owners[at] & bit) != 0) {
                return false;
            }
            owners[at] |= bit;
            return true;
        }
        int insert = -at - 1;
        times = LongArrays.insert(times, insert, time);
        owners = LongArrays.insert(owners, insert, bit);
        return true;
    }

    /**
     * The detectors that asked for a timer at {@code time}, now forgotten together with every
     * earlier time (timers fire in time order, so those have fired). -1 (every detector) when no
     * detector is known to have asked: a timer registered before owners were recorded.
     */
    public long takeUpTo(long time) {
        int at = Arrays.binarySearch(times, time);
        long due = at >= 0 ? owners[at] : -1L;
        int keep = at >= 0 ? at + 1 : -at - 1;
        times = Arrays.copyOfRange(times, keep, times.length);
        owners = Arrays.copyOfRange(owners, keep, owners.length);
        return due;
    }

    public boolean isEmpty() {
        return times.length == 0;
    }
}
