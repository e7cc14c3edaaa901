package dev.greenloop.meter.nvml;

import dev.greenloop.meter.spi.GpuInfo;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.spi.Finding.Status;
import dev.greenloop.meter.spi.ProcessAwareSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Finds the NVIDIA GPUs of this node through NVML, the library the NVIDIA driver installs, and opens
 * an energy source over them. See {@code docs/gpu.md} for what is read and how it is attributed.
 */
public final class NvmlGpus {

    /** The library loaded when {@code GREENLOOP_NVML_LIBRARY} is not set. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    /** How often GPUs without an energy counter have their power sampled. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private static final String SOURCE = "nvml";

    private NvmlGpus() {}

    /**
     * Loads NVML, initialises it and opens a source over every GPU whose energy it can read. The
     * library is {@code GREENLOOP_NVML_LIBRARY} from {@code env} (a file path, or a name the dynamic
     * loader searches for), {@code libnvidia-ml.so.1} by default. {@code CUDA_VISIBLE_DEVICES} from
     * {@code env} decides which GPUs the measured tree may use where NVML cannot list their processes.
     *
     * <p>Never throws: a missing library, a failing {@code nvmlInit_v2}, no GPU or an unusable GPU
     * each become a finding with source {@code nvml}. NVML stays initialised only while the returned
     * source is open.
     *
     * @param env the environment to read, usually {@link System#getenv()}
     * @return the source if any GPU is measurable, the findings, and every GPU NVML listed
     */
    public static GpuDiscovery discover(Map<String, String> env) {
        return discover(env, POLL_INTERVAL, System::nanoTime);
    }

    /** As {@link #discover(Map)}, with the power-polling interval (zero: no polling thread) and clock given. */
    static GpuDiscovery discover(Map<String, String> env, Duration pollInterval, LongSupplier nanoClock) {
        String configured = env.get("GREENLOOP_NVML_LIBRARY");
        String library = configured == null || configured.isBlank() ? DEFAULT_LIBRARY : configured.strip();
        if (!NvmlGpus.class.getModule().isNativeAccessEnabled()) {
            return none(new Finding(SOURCE, Status.UNAVAILABLE, library,
                    "native access is not enabled for Greenloop, so it cannot call NVML",
                    "run Java with --enable-native-access=ALL-UNNAMED (the greenloop launcher does)"));
        }
        NvmlLibrary lib;
        try {
            lib = NvmlLibrary.load(library);
        } catch (IllegalArgumentException e) {
            return none(libraryMissing(library, configured != null && !configured.isBlank()));
        }
        try {
            return open(lib, library, env, pollInterval, nanoClock);
        } catch (RuntimeException e) {
            // a defect or a library that breaks the NVML contract: report it instead of failing discovery
            lib.close();
            return none(new Finding(SOURCE, Status.UNAVAILABLE, library, "NVML could not be used: " + e, ""));
        }
    }

    private static GpuDiscovery open(NvmlLibrary lib, String library, Map<String, String> env, Duration pollInterval,
            LongSupplier nanoClock) {
        for (NvmlLibrary.Fn fn : List.of(NvmlLibrary.Fn.INIT, NvmlLibrary.Fn.SHUTDOWN, NvmlLibrary.Fn.DEVICE_COUNT,
                NvmlLibrary.Fn.HANDLE_BY_INDEX)) {
            if (!lib.has(fn)) {
                lib.close();
                return none(new Finding(SOURCE, Status.UNAVAILABLE, library,
                        "the library has no " + fn.symbol() + ": it is not NVML, or an NVML too old for Greenloop",
                        "update the NVIDIA driver, or point GREENLOOP_NVML_LIBRARY at the driver's libnvidia-ml.so.1"));
            }
        }
        int rc = lib.init();
        if (rc != NvmlReturn.SUCCESS.code()) {
            NvmlReturn code = NvmlReturn.of(rc);
            String text = lib.errorString(rc);
            lib.close();
            return none(new Finding(SOURCE, Status.UNAVAILABLE, library,
                    "nvmlInit_v2 failed: %s (%s)".formatted(code, text), Fixes.forInit(code)));
        }
        NvmlLibrary.Scratch s = lib.scratch();
        List<Finding> findings = new ArrayList<>();
        List<GpuProbe> probes = new ArrayList<>();
        String driver;
        try {
            int count = lib.deviceCount(s);
            driver = lib.has(NvmlLibrary.Fn.DRIVER_VERSION) ? driverVersion(lib, s) : "unknown";
            for (int i = 0; i < count; i++) {
                probes.add(GpuProbe.of(lib, s, i, driver));
            }
        } catch (NvmlException e) {
            lib.close(); // shuts NVML down first
            return none(new Finding(SOURCE, Status.UNAVAILABLE, library, e.getMessage(), Fixes.forCode(e.code())));
        }
        if (probes.isEmpty()) {
            lib.close(); // shuts NVML down first
            return none(new Finding(SOURCE, Status.UNAVAILABLE, library,
                    "NVML (driver " + driver + ") lists no GPU on this node", ""));
        }
        List<NvmlSource.Gpu> gpus = new ArrayList<>();
        for (GpuProbe p : probes) {
            findings.add(GpuFindings.of(p));
            if (p.measurable()) {
                gpus.add(new NvmlSource.Gpu(p.info().index(), p.handle(), p.measured(), p.info().has(GpuProbe.POWER),
                        component(p, pollInterval)));
            }
        }
        List<GpuInfo> infos = probes.stream().map(GpuProbe::info).toList();
        if (gpus.isEmpty()) {
            lib.close(); // shuts NVML down first
            return new GpuDiscovery(Optional.empty(), findings, infos);
        }
        boolean[] visible = VisibleDevices.visible(env.get("CUDA_VISIBLE_DEVICES"),
                infos.stream().map(g -> g.uuid().equals("unknown") ? "" : g.uuid()).toList());
        try {
            ProcessAwareSource source = new NvmlSource(lib, gpus, visible, pollInterval, nanoClock);
            return new GpuDiscovery(Optional.of(source), findings, infos);
        } catch (NvmlException e) {
            lib.close(); // shuts NVML down first
            findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library,
                    "GPUs stopped answering while the source opened: " + e.getMessage(), Fixes.forCode(e.code())));
            return new GpuDiscovery(Optional.empty(), findings, infos);
        }
    }

    private static Component component(GpuProbe p, Duration pollInterval) {
        GpuInfo g = p.info();
        String how = p.measured()
                ? "NVML energy counter"
                : "NVML power integrated over time, sampled every %d ms".formatted(
                        (pollInterval.isPositive() ? pollInterval : POLL_INTERVAL).toMillis());
        return new Component("gpu-" + g.index(), Scope.GPU, p.measured() ? Provenance.MEASURED : Provenance.DERIVED,
                "%s (%s): %s".formatted(g.name(), g.uuid(), how));
    }

    private static String driverVersion(NvmlLibrary lib, NvmlLibrary.Scratch s) {
        try {
            return lib.driverVersion(s);
        } catch (NvmlException e) {
            return "unknown"; // the version only labels findings; every GPU is still probed
        }
    }

    private static Finding libraryMissing(String library, boolean configured) {
        String detail = configured
                ? "cannot load the NVML library %s named by GREENLOOP_NVML_LIBRARY".formatted(library)
                : "no NVIDIA driver library (%s) on this node".formatted(library);
        return new Finding(SOURCE, Status.UNAVAILABLE, library, detail,
                "install the NVIDIA driver, or set GREENLOOP_NVML_LIBRARY to libnvidia-ml.so.1's path;"
                        + " in a container use the NVIDIA container toolkit");
    }

    private static GpuDiscovery none(Finding finding) {
        return new GpuDiscovery(Optional.empty(), List.of(finding), List.of());
    }
}
