/**
 * The meter's service-provider interface: what an energy source implements ({@link
 * dev.greenloop.meter.spi.EnergySource}, {@link dev.greenloop.meter.spi.ProcessAwareSource}) and the values it
 * hands back ({@link dev.greenloop.meter.spi.Component}, {@link dev.greenloop.meter.spi.ComponentReading},
 * {@link dev.greenloop.meter.spi.Finding}, {@link dev.greenloop.meter.spi.GpuInfo}), and the power limits the
 * hardware packages read and set ({@link dev.greenloop.meter.spi.PowerLimit},
 * {@link dev.greenloop.meter.spi.PowerLimitException}). The hardware and model packages ({@code rapl}, {@code nvml},
 * {@code model}) depend on this package only, never on the meter's root, which composes them.
 */
package dev.greenloop.meter.spi;
