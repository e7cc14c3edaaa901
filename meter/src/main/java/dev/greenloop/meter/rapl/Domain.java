package dev.greenloop.meter.rapl;

import dev.greenloop.meter.spi.Component;

/**
 * A RAPL domain the source reads: the component it reports and the zone it reads it from.
 *
 * @param component what it reports
 * @param probe the zone, its range and the baseline reading
 */
record Domain(Component component, ZoneProbe probe) {
}
