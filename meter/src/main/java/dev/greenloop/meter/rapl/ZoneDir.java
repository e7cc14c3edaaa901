package dev.greenloop.meter.rapl;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One powercap zone directory, such as {@code intel-rapl:0:2}: its control type, its indices (one
 * per level: {@code [0, 2]}) and where it really is (symbolic links resolved).
 *
 * <p>The kernel names a zone after its control type, then one hexadecimal index per level of the
 * zone tree (Documentation/ABI/testing/sysfs-class-powercap: "E.g. intel-rapl:0:1:1").
 */
record ZoneDir(String id, String controlType, List<Integer> indices, Path dir) {

    /** The MSR control type, which AMD CPUs also use. */
    static final String MSR = "intel-rapl";
    /** The MMIO control type, which may expose a package already seen through MSR. */
    static final String MMIO = "intel-rapl-mmio";

    private static final Pattern ID = Pattern.compile("([A-Za-z0-9_.-]+?)((?::[0-9a-fA-F]+)+)");

    /** Zone order: MSR before MMIO, then by index, a parent before its subzones. */
    static final Comparator<ZoneDir> ORDER = Comparator.comparingInt((ZoneDir z) -> typeRank(z.controlType))
            .thenComparing(ZoneDir::controlType)
            .thenComparing(ZoneDir::indices, ZoneDir::compareIndices);

    ZoneDir {
        indices = List.copyOf(indices);
    }

    /** @return the zone a directory name denotes, empty if it names no zone (a control type, say) */
    static Optional<ZoneDir> parse(String name, Path dir) {
        Matcher m = ID.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Integer> indices = java.util.Arrays.stream(m.group(2).substring(1).split(":"))
                .map(s -> Integer.parseInt(s, 16))
                .toList();
        return Optional.of(new ZoneDir(name, m.group(1), indices, dir));
    }

    /** @return true for the control types that carry RAPL domains */
    boolean isRapl() {
        return controlType.equals(MSR) || controlType.equals(MMIO);
    }

    /** @return true for a subzone (a zone inside another zone) */
    boolean isSubzone() {
        return indices.size() > 1;
    }

    /** @return the id of the zone that contains this one; empty for a top-level zone */
    String parentId() {
        if (!isSubzone()) {
            return "";
        }
        int cut = id.lastIndexOf(':');
        return id.substring(0, cut);
    }

    /** @return how the counter is read, for descriptions: {@code MSR}, {@code MMIO} or the control type */
    String access() {
        return switch (controlType) {
            case MSR -> "MSR";
            case MMIO -> "MMIO";
            default -> controlType;
        };
    }

    private static int typeRank(String controlType) {
        return switch (controlType) {
            case MSR -> 0;
            case MMIO -> 1;
            default -> 2;
        };
    }

    private static int compareIndices(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
