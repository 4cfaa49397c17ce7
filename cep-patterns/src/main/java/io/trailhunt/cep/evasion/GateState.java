package io.trailhunt.cep.evasion;

import io.trailhunt.detectors.common.LongArrays;

import java.util.Arrays;

/**
 * Per principal, in the read gate: its recent tamperings and, for each, the earliest read after it
 * let through, and how many reads are held for the watermark. Plain Java; the gate keeps it in
 * keyed state. A read can be the action of a story only as the first read after a tampering
 * (the story is reported at its first action), so that is the only read let through per tampering.
 */
public class GateState {
    /** At most this many tamperings are remembered, the latest ones (tampering is rare; a burst is one story). */
    public static final int MAX_TAMPERINGS = 8;

    /** Event times of the tamperings whose window is still open, oldest first. */
    public long[] tamperings = new long[0];
    /** For each tampering, the event time of the earliest read after it let through; Long.MAX_VALUE for none yet. */
    public long[] firstReads = new long[0];
    /** Reads held until the watermark passes them, one per minute: the length of {@link #heldMinutes}, except in state of an earlier version. */
    public int held;
    /**
     * The minutes of the held reads, ascending, so a read in a new minute needs no map lookup and a
     * full gate knows its latest minute without a scan. Earlier versions kept only the count, with
     * the reads by their own time or by minute; the gate lists those the next time it sees the
     * principal (a count that differs from the list tells it to).
     */
    public long[] heldMinutes = new long[0];
    /** The newest minute with a held read and that read's time, so in-order reads in it cost no map access; Long.MIN_VALUE when unknown. */
    public long lastHeldMinute = Long.MIN_VALUE;
    public long lastHeldTime;

    public GateState() {}

    public void addTampering(long time) {
        int at = 0;
        while (at < tamperings.length && tamperings[at] < time) {
            at++;
        }
        if (at < tamperings.length && tamperings[at] == time) {
            return;
        }
        tamperings = LongArrays.insert(tamperings, at, time);
        firstReads = LongArrays.insert(firstReads, at, Long.MAX_VALUE);
        if (tamperings.length > MAX_TAMPERINGS) {
            tamperings = Arrays.copyOfRange(tamperings, 1, tamperings.length);
            firstReads = Arrays.copyOfRange(firstReads, 1, firstReads.length);
        }
    }

    /**
     * Whether a read at {@code time} is, as far as the tamperings known now tell, the first read
     * within the window after one of them; if so it is recorded as that tampering's first read.
     * A tampering at the read's second counts as before it (the story orders it so).
     */
    public boolean letThrough(long time, long windowMillis) {
        boolean first = false;
        for (int i = 0; i < tamperings.length; i++) {
            if (tamperings[i] <= time && time <= tamperings[i] + windowMillis && time < firstReads[i]) {
                firstReads[i] = time;
                first = true;
            }
        }
        return first;
    }

    /** Forgets the tamperings whose window has closed by {@code time} (the reads at its end are decided first). */
    public void forgetBefore(long time, long windowMillis) {
        int closed = 0;
        while (closed < tamperings.length && tamperings[closed] + windowMillis <= time) {
            closed++;
        }
        tamperings = Arrays.copyOfRange(tamperings, closed, tamperings.length);
        firstReads = Arrays.copyOfRange(firstReads, closed, firstReads.length);
    }

    public boolean holds(long minute) {
        return Arrays.binarySearch(heldMinutes, minute) >= 0;
    }

    public void addHeld(long minute) {
        int at = Arrays.binarySearch(heldMinutes, minute);
        if (at < 0) {
            heldMinutes = LongArrays.insert(heldMinutes, -at - 1, minute);
        }
        held = heldMinutes.length;
    }

    public void forgetHeld(long minute) {
        int at = Arrays.binarySearch(heldMinutes, minute);
        if (at >= 0) {
            heldMinutes = LongArrays.remove(heldMinutes, at);
        }
        held = heldMinutes.length;
    }

    /** Long.MIN_VALUE when none is listed. */
    public long latestHeldMinute() {
        return heldMinutes.length == 0 ? Long.MIN_VALUE : heldMinutes[heldMinutes.length - 1];
    }

    public boolean isEmpty() {
        return tamperings.length == 0 && held == 0 && heldMinutes.length == 0;
    }
}
