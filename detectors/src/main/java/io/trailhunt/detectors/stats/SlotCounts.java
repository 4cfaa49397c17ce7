package io.trailhunt.detectors.stats;

import java.util.Arrays;

/**
 * Counts and sums over a sliding window kept as a ring of fixed time slots: constant size whatever
 * the event rate. The window ending at a time is the slot holding that time and the slots before
 * it, so it reaches back to the start of the oldest slot: with {@link #covering} (one slot more than
 * the window holds) it spans the whole window and at most one slot more, never less, so N events
 * within any window are always counted together. Events may arrive out of order: an event is added
 * to its own slot as long as that slot is still inside the window of the newest event; older
 * events are refused.
 */
public class SlotCounts {
    /** Slot index (time / slot length) held in each ring position; Long.MIN_VALUE when empty. */
    public long[] slots;
    public long[] counts;
    public long[] sums;
    public long slotMillis;
    /** The newest slot index seen. */
    public long newest = Long.MIN_VALUE;

    public SlotCounts() {}

    /**
     * A ring for a sliding {@code windowMillis} cut into {@code slotsPerWindow} slots, plus one:
     * the counted span is the window to the window plus one slot (a sliding hour in slots of five
     * minutes counts 60 to 65 minutes).
     */
    public static SlotCounts covering(long windowMillis, int slotsPerWindow) {
        return new SlotCounts(slotsPerWindow + 1, Math.max(1, windowMillis / slotsPerWindow));
    }

    public SlotCounts(int slotCount, long slotMillis) {
        this.slots = new long[slotCount];
        Arrays.fill(this.slots, Long.MIN_VALUE);
        this.counts = new long[slotCount];
        this.sums = new long[slotCount];
        this.slotMillis = slotMillis;
    }

    public long slotOf(long time) {
        return Math.floorDiv(time, slotMillis);
    }

    /** @return false when the event is older than the window of the newest event and was not counted */
    public boolean add(long time, long count, long sum) {
        long s = slotOf(time);
        if (newest != Long.MIN_VALUE && s <= newest - slots.length) {
            return false;
        }
        newest = Math.max(newest, s);
        int i = (int) Math.floorMod(s, (long) slots.length);
        if (slots[i] != s) {
            slots[i] = s;
            counts[i] = 0;
            sums[i] = 0;
        }
        counts[i] += count;
        sums[i] += sum;
        return true;
    }

    private boolean inWindow(int i, long endSlot) {
        return slots[i] != Long.MIN_VALUE && slots[i] <= endSlot && slots[i] > endSlot - slots.length;
    }

    /** The count over the window that ends with the slot holding {@code time}. */
    public long count(long time) {
        long end = slotOf(time);
        long n = 0;
        for (int i = 0; i < slots.length; i++) {
            if (inWindow(i, end)) {
                n += counts[i];
            }
        }
        return n;
    }

    public long sum(long time) {
        long end = slotOf(time);
        long n = 0;
        for (int i = 0; i < slots.length; i++) {
            if (inWindow(i, end)) {
                n += sums[i];
            }
        }
        return n;
    }

    /** Start of the oldest slot with events in the window ending at {@code time}; Long.MAX_VALUE when none. */
    public long oldestStart(long time) {
        long end = slotOf(time);
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < slots.length; i++) {
            if (inWindow(i, end) && counts[i] > 0) {
                oldest = Math.min(oldest, slots[i]);
            }
        }
        return oldest == Long.MAX_VALUE ? oldest : oldest * slotMillis;
    }

    /** True when nothing is left in the window ending at {@code time}. */
    public boolean isEmpty(long time) {
        return count(time) == 0;
    }
}
