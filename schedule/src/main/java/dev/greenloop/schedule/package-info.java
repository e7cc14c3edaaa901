/**
 * Carbon-aware scheduling in time and space: {@link dev.greenloop.schedule.Job job specs} and
 * {@link dev.greenloop.schedule.JobFiles job files}, {@link dev.greenloop.schedule.Policy policies}
 * and the {@link dev.greenloop.schedule.Simulator simulator} that replays jobs on real intensity
 * traces, with precomputable jobs filled into clean time by the information battery
 * ({@link dev.greenloop.schedule.BatteryReport}, docs/information-battery.md). The planners themselves
 * are package-private; docs/schedule.md says which are exact.
 */
package dev.greenloop.schedule;
