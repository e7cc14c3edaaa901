package dev.greenloop.meter.proc;

/**
 * Parses the few numbers the meter needs out of one {@code /proc/PID/stat} line held in a byte
 * buffer, without allocating. Field numbers follow {@code man 5 proc} (1-based): 4 ppid,
 * 14 utime, 15 stime, 16 cutime, 17 cstime, all times in clock ticks.
 *
 * <p>Field 2, {@code comm}, is in parentheses and may itself hold spaces and {@code ')'}, so parsing
 * starts after the <em>last</em> {@code ')'} of the line. Not thread-safe: one instance per caller.
 */
final class StatLine {

    private static final int PPID = 4;
    private static final int UTIME = 14;
    private static final int CSTIME = 17;

    long ppid;
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
        while (field <= CSTIME) {
            while (i < len && buf[i] == ' ') {
                i++;
            }
            if (i >= len) {
                return false;
            }
            if (field == PPID || field >= UTIME) {
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
            case UTIME -> utime = value;
            case UTIME + 1 -> stime = value;
            case UTIME + 2 -> cutime = value;
            default -> cstime = value;
        }
    }
}
