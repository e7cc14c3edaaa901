package dev.greenloop.meter.proc;

import java.util.Arrays;

/**
 * A reusable open-addressing set of positive process ids, so that the per-second tree scan does not
 * allocate boxed keys. Not thread-safe.
 */
final class PidSet {

    private long[] slots = new long[64];
    private int size;

    /** Empties the set and makes room for at least {@code expected} ids without rehashing. */
    void clear(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        if (capacity > slots.length) {
            slots = new long[capacity];
        } else {
            Arrays.fill(slots, 0L);
        }
        size = 0;
    }

    /** @return true if {@code pid} was added, false if it was already there */
    boolean add(long pid) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = hash(pid) & mask;
        while (slots[i] != 0) {
            if (slots[i] == pid) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = pid;
        size++;
        return true;
    }

    boolean contains(long pid) {
        int mask = slots.length - 1;
        int i = hash(pid) & mask;
        while (slots[i] != 0) {
            if (slots[i] == pid) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long pid : old) {
            if (pid != 0) {
                add(pid);
            }
        }
    }

    private static int hash(long pid) {
        long h = pid * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
