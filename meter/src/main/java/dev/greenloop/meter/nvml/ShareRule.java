package dev.greenloop.meter.nvml;

import java.util.function.LongPredicate;

/**
 * The measured tree's share of one GPU, from the processes NVML lists on it: the tree's part of the
 * GPU memory those processes hold; where NVML does not report a process's memory (it answers
 * {@code NVML_VALUE_NOT_AVAILABLE}, as under some virtualisation), or all report zero, the tree's
 * part of the process count. A GPU with no process gets 0: its energy, idle or not, is not the tree's.
 */
final class ShareRule {

    private ShareRule() {}

    /**
     * @param table the processes of the last listing
     * @param n how many entries of {@code table} are valid
     * @param inTree whether a pid belongs to the measured tree
     * @return the tree's share in [0, 1]
     */
    static double share(ProcessTable table, int n, LongPredicate inTree) {
        if (n == 0) {
            return 0;
        }
        long treeCount = 0;
        double treeBytes = 0;
        double allBytes = 0;
        boolean memoryKnown = true;
        for (int i = 0; i < n; i++) {
            boolean mine = inTree.test(table.pid(i));
            long bytes = table.usedMemoryBytes(i);
            if (bytes == ProcessTable.VALUE_NOT_AVAILABLE) {
                memoryKnown = false;
            } else {
                double unsigned = bytes >= 0 ? bytes : bytes + 0x1p64;
                allBytes += unsigned;
                treeBytes += mine ? unsigned : 0;
            }
            treeCount += mine ? 1 : 0;
        }
        if (memoryKnown && allBytes > 0) {
            return treeBytes / allBytes;
        }
        return (double) treeCount / n;
    }
}
