package dev.greenloop.meter.proc;

/**
 * Parses the few numbers the meter needs out of one {@code /proc/PID/stat} line held in a byte
 * buffer, without allocating. Field numbers follow {@code man 5 proc} (1-based): 3 state, 4 ppid,
 * 5 pgrp, 6 session, 14 utime, 15 stime, 16 cutime, 17 cstime, 22 starttime, all times in clock
 * ticks (starttime since boot). Fields after 17 are optional: a line that stops there has starttime -1.
 *
 * <p>Field 2, {@code comm}, is in parentheses and may itself hold spaces and {@code ')'}, so parsing
 * starts after the <em>last</em> {@code ')'} of the line. Not thread-safe: one instance per caller.
 */
final class StatLine {

    private static final int STATE = 3;
    private static final int PPID = 4;
    private static final int PGRP = 5;
    private static final int SESSION = 6;
    private static final int UTIME = 14;
    private static final int CSTIME = 17;
    private static final int STARTTIME = 22;

    byte state;
    long ppid;
    long pgrp;
    long session;
    long starttime;
    long utime;
    long stime;
    long cutime;
    long cstime;

    /**
     * @param buf the file's bytes
     * @param len how many bytes of {@code buf} are valid
     * @return true if the line held all needed fields; false for a truncated or garbled line
     */
    boolean parse(byte[] buf, int len) {
        int close = -1;
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == ')') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return false;
        }
        // After ')' comes " S ppid ...": field 3 (state) starts at close + 2.
        int field = 3;
        int i = close + 1;
        starttime = -1;
        while (field <= STARTTIME) {
            while (i < len && buf[i] == ' ') {
                i++;
            }
            if (i >= len || buf[i] == '\n') {
                return field > CSTIME;
            }
            if (field == STATE) {
                state = buf[i];
            }
            if (field == PPID || field == PGRP || field == SESSION || (field >= UTIME && field <= CSTIME) || field == STARTTIME) {
                long value = 0;
                boolean negative = buf[i] == '-';
                if (negative) {
                    i++;
                }
                int start = i;
                while (i < len && buf[i] >= '0' && buf[i] <= '9') {
                    value = value * 10 + (buf[i] - '0');
                    i++;
                }
                if (i == start) {
                    return false;
                }
                store(field, negative ? -value : value);
            } else {
                while (i < len && buf[i] != ' ') {
                    i++;
                }
            }
            field++;
        }
        return true;
    }

    private void store(int field, long value) {
        switch (field) {
            case PPID -> ppid = value;
            case PGRP -> pgrp = value;
            case SESSION -> session = value;
            case UTIME -> utime = value;
            case UTIME + 1 -> stime = value;
            case UTIME + 2 -> cutime = value;
            case CSTIME -> cstime = value;
            default -> starttime = value;
        }
    }
}
