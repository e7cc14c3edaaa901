/**
 * Implementation of {@link dev.greenloop.carbon.Placements}: the coefficient tables (cloud providers' PUE, processor
 * microarchitectures' watts per vCPU, instance types with their embodied emissions, regions' grid zones, network
 * energy per GB), loaded from CSV resources whose every row names its source. Not exported.
 */
package dev.greenloop.carbon.placement;
