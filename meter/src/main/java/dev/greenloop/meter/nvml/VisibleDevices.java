package dev.greenloop.meter.nvml;

import java.util.Arrays;
import java.util.List;

/**
 * Which GPUs a process tree may use according to {@code CUDA_VISIBLE_DEVICES}, read the way the CUDA
 * runtime reads it: a comma-separated list of indices or UUIDs (full, or a unique prefix starting
 * {@code GPU-}); unset means every GPU, an empty value means none, and the list ends at the first
 * entry that names no GPU. An entry naming a MIG instance ({@code MIG-...}) cannot be traced to its
 * GPU here, so it makes every GPU count as visible (the sampler then uses the CPU-time share).
 *
 * <p>Indices are taken as NVML indices (PCI bus order), which CUDA uses only with
 * {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}; UUIDs are unambiguous.
 */
final class VisibleDevices {

    private VisibleDevices() {}

    /**
     * @param value the variable's value, or null when it is not set
     * @param uuids the UUID of each GPU by NVML index; an empty string where NVML gave none
     * @return one flag per GPU index: true if the tree may use that GPU
     */
    static boolean[] visible(String value, List<String> uuids) {
        boolean[] visible = new boolean[uuids.size()];
        if (value == null) {
            Arrays.fill(visible, true);
            return visible;
        }
        for (String raw : value.split(",", -1)) {
            String entry = raw.strip();
            if (entry.startsWith("MIG-")) {
                Arrays.fill(visible, true);
                return visible;
            }
            int index = indexOf(entry, uuids);
            if (index < 0) {
                break;
            }
            visible[index] = true;
        }
        return visible;
    }

    private static int indexOf(String entry, List<String> uuids) {
        if (entry.isEmpty()) {
            return -1;
        }
        if (entry.chars().allMatch(Character::isDigit)) {
            try {
                int index = Integer.parseInt(entry);
                return index < uuids.size() ? index : -1;
            } catch (NumberFormatException e) {
                return -1; // more digits than an int holds: names no GPU, so the list ends here
            }
        }
        if (!entry.startsWith("GPU-")) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < uuids.size(); i++) {
            if (!uuids.get(i).isEmpty() && uuids.get(i).startsWith(entry)) {
                if (found >= 0) {
                    return -1; // an ambiguous prefix names no single GPU
                }
                found = i;
            }
        }
        return found;
    }
}
