package dev.greenloop.meter.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stand-in libnvidia-ml built from {@code src/test/c/fake_nvml.c}, with its state file. The test
 * keeps the library loaded, so the binding's own {@code dlopen} of the same path shares its state.
 */
final class FakeNvml implements AutoCloseable {

    /** The full library. */
    static final String FULL = "libfake-nvml.so";
    /** Without {@code nvmlDeviceGetTotalEnergyConsumption}. */
    static final String NO_ENERGY = "libfake-nvml-noenergy.so";
    /** Without {@code nvmlDeviceGetComputeRunningProcesses_v3}. */
    static final String NO_PROCS = "libfake-nvml-noprocs.so";
    /** Without {@code nvmlDeviceSetPowerManagementLimit}. */
    static final String NO_LIMIT_SET = "libfake-nvml-nolimitset.so";

    private final Path library;
    private final Path stateFile;
    private final Arena arena = Arena.ofShared();
    private final MethodHandle shutdownCalls;
    private final MethodHandle processCalls;
    private final Map<String, String> state = new LinkedHashMap<>();

    FakeNvml(Path dir, String variant) {
        String built = System.getProperty("fake.nvml.dir");
        if (built == null) {
            throw new IllegalStateException("system property fake.nvml.dir is not set: run the tests through Maven");
        }
        this.library = Path.of(built, variant).toAbsolutePath();
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("the stand-in NVML library was not built: " + library);
        }
        this.stateFile = dir.resolve("nvml-state-" + variant + ".txt");
        write();
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
        Linker linker = Linker.nativeLinker();
        MethodHandle setState = linker.downcallHandle(lookup.findOrThrow("fake_nvml_set_state_file"),
                FunctionDescriptor.ofVoid(ADDRESS));
        this.shutdownCalls = linker.downcallHandle(lookup.findOrThrow("fake_nvml_shutdown_calls"), FunctionDescriptor.of(JAVA_INT));
        this.processCalls = linker.downcallHandle(lookup.findOrThrow("fake_nvml_process_calls"), FunctionDescriptor.of(JAVA_INT));
        try (Arena call = Arena.ofConfined()) {
            MemorySegment path = call.allocateFrom(stateFile.toString());
            setState.invokeExact(path);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot point the fake at its state file", t);
        }
    }

    /** Sets state lines such as {@code "gpus=2"}, {@code "gpu0.power_mw=250000"}; rewrites the file. */
    FakeNvml set(String... lines) {
        for (String line : lines) {
            int eq = line.indexOf('=');
            state.put(line.substring(0, eq), line.substring(eq + 1));
        }
        write();
        return this;
    }

    /** Removes a key, so the fake answers NOT_SUPPORTED for it. */
    FakeNvml remove(String key) {
        state.remove(key);
        write();
        return this;
    }

    /** @return the state file, which the fake's set call appends to */
    Path stateFile() {
        return stateFile;
    }

    /** @return an environment that points the binding at this library */
    Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("GREENLOOP_NVML_LIBRARY", library.toString());
        for (String e : extra) {
            int eq = e.indexOf('=');
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return env;
    }

    int shutdownCalls() {
        try {
            return (int) shutdownCalls.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    int processCalls() {
        try {
            return (int) processCalls.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void write() {
        try {
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.writeString(tmp, state.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            Files.move(tmp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
