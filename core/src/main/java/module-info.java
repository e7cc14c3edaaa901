/**
 * Greenloop's ground floor: units (energy, power, emissions, carbon intensity), provenance and scope of every
 * figure, time series and intervals, and carbon accounting in time.
 */
module dev.greenloop.core {
    exports dev.greenloop.core;
}
