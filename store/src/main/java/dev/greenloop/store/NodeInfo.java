package dev.greenloop.store;

/**
 * A machine or device that runs are measured on. Immutable.
 *
 * @param name the host name, unique in a store
 * @param zone the grid zone it draws power from, such as {@code DE}
 * @param hardware a one-line hardware summary, such as {@code "AMD EPYC 7B13, 2 CPUs, 24 GiB"}
 * @param pue the power usage effectiveness of its site, at least 1
 */
public record NodeInfo(String name, String zone, String hardware, double pue) {
}
