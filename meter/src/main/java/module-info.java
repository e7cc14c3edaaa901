/**
 * The meter: energy sources (RAPL through powercap, NVIDIA GPUs through NVML, power models where no counter can
 * be read), the sampler, attribution of energy to process trees by CPU time, and {@code Greenloop.track}.
 */
module dev.greenloop.meter {
    requires transitive dev.greenloop.core;

    exports dev.greenloop.meter;
    exports dev.greenloop.meter.spi;
    exports dev.greenloop.meter.proc;

    uses dev.greenloop.meter.RunRecorder;
}
