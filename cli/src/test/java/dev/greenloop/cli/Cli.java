package dev.greenloop.cli;

import dev.greenloop.app.ConfigException;
import dev.greenloop.app.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the CLI with its own GREENLOOP_HOME (and zone DE): in a child JVM, as a user would ({@link #Cli(Path)}), or in
 * this JVM through {@link Main#run(Settings, PrintWriter, PrintWriter, String...)} ({@link #inProcess(Path)}), which
 * is much faster. In process, the environment reaches the commands through their {@link Settings} only: what reads
 * {@code System.getenv} itself (the zone guessed from {@code LANG}) sees this JVM's, and {@code measure}'s command
 * writes to this JVM's standard streams. Tests of signals, exit codes of killed commands, standard streams passed
 * through, or start-up keep the child JVM.
 */
public final class Cli {

    /** One in-process run at a time: {@code System.in} is swapped for the run's input. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path home;
    private final boolean inProcess;
    private final Map<String, String> env = new HashMap<>();

    /** A CLI run in a child JVM. */
    public Cli(Path home) {
        this(home, false);
    }

    private Cli(Path home, boolean inProcess) {
        this.home = home;
        this.inProcess = inProcess;
        env.put("GREENLOOP_HOME", home.toString());
        env.put("GREENLOOP_ZONE", "DE");
    }

    /** A CLI run in this JVM, on its own writers and settings. */
    public static Cli inProcess(Path home) {
        return new Cli(home, true);
    }

    public Cli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public Path home() {
        return home;
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public Process start(String... args) throws IOException {
        requireChildJvm();
        return start(List.of(), args);
    }

    /**
     * Starts the CLI through the repository's own launcher ({@code ./greenloop}), with the JVM options users get, on
     * the jar Maven packaged before the integration tests (no rebuild, no start-up cache training).
     */
    public Process startWithLauncher(String... args) throws IOException {
        requireChildJvm();
        Path launcher = Path.of("..", "greenloop").toAbsolutePath().normalize();
        if (!Files.isExecutable(launcher) || !Files.isDirectory(launcher.resolveSibling("cli").resolve("target"))) {
            throw new IllegalStateException("no launcher with a packaged build at " + launcher + "; run from the cli module after package");
        }
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("GREENLOOP_DB");
        pb.environment().putAll(env);
        pb.environment().put("GREENLOOP_NO_REBUILD", "1");
        pb.environment().put("GREENLOOP_NO_AOT", "1");
        return pb.start();
    }

    private Process start(List<String> jvmOptions, String... args) throws IOException {
        return builder(jvmOptions, args).start();
    }

    private ProcessBuilder builder(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("GREENLOOP_DB");
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs the CLI in a child JVM with its standard output going to {@code stdout}, such as {@code /dev/full}; the result's stdout is empty. */
    public Result runWritingTo(java.io.File stdout, String... args) {
        requireChildJvm();
        try {
            Process p = builder(List.of(), args).redirectOutput(stdout).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("greenloop " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), "", err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Result runWithInput(String stdin, String... args) {
        if (inProcess) {
            return runHere(stdin, args);
        }
        try {
            Process p = start(args);
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("greenloop " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    private Result runHere(String stdin, String... args) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("GREENLOOP_DB");
        environment.putAll(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        IN_PROCESS.lock();
        InputStream in = System.in;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            System.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)));
            int code;
            try {
                code = Main.run(Settings.load(environment), o, e, args);
            } catch (ConfigException x) {
                // Main.main reads this process's settings lazily, so a bad config file is a usage error there too.
                e.println("greenloop: " + x.getMessage());
                code = 2;
            }
            o.flush();
            e.flush();
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setIn(in);
            IN_PROCESS.unlock();
        }
    }

    /** Runs the CLI with the JVM's class-loading log; asserts it succeeds; returns the names of the classes loaded. */
    public List<String> loadedClasses(String... args) throws IOException, InterruptedException {
        requireChildJvm();
        Process p = start(List.of("-Xlog:class+load=info"), args);
        p.getOutputStream().close();
        CompletableFuture<String> err = drain(p.getErrorStream());
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("greenloop " + String.join(" ", args) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("greenloop %s exited %d: %s".formatted(String.join(" ", args), p.exitValue(), err.join()));
        }
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            int i = line.indexOf("[class,load] ");
            if (i >= 0) {
                String rest = line.substring(i + 13);
                int sp = rest.indexOf(' ');
                names.add(sp < 0 ? rest : rest.substring(0, sp));
            }
        }
        if (!names.contains("dev.greenloop.cli.Main")) {
            throw new AssertionError("the class-loading log lists no dev.greenloop.cli.Main");
        }
        return names;
    }

    private void requireChildJvm() {
        if (inProcess) {
            throw new IllegalStateException("a process of its own needs a child JVM: new Cli(home), not Cli.inProcess(home)");
        }
    }

    /**
     * Reads {@code in} to its end on a thread of its own. Not on the common pool: with few CPUs it has a single worker,
     * and a long-lived process's stream (a server's) would hold it while every later drain waited behind it.
     */
    public static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("drain").start(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                text.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                text.completeExceptionally(e instanceof IOException io ? new UncheckedIOException(io) : e);
            }
        });
        return text;
    }

    /**
     * Builds a one-package powercap tree as the kernel lays it out, with package 0's power-limit constraints
     * ({@link dev.greenloop.testfixtures.FakePowercap#writeConstraints}); returns the sysfs root.
     */
    public static Path fakePowercap(Path dir, long energyMicrojoules) throws IOException {
        Path zone = dir.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0");
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("energy_uj"), energyMicrojoules + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        Files.writeString(zone.resolve("enabled"), "1\n");
        dev.greenloop.testfixtures.FakePowercap.writeConstraints(zone);
        Path cls = dir.resolve("class/powercap");
        Files.createDirectories(cls);
        Files.createSymbolicLink(cls.resolve("intel-rapl:0"), Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0"));
        Path type = dir.resolve("devices/virtual/powercap/intel-rapl");
        Files.writeString(type.resolve("enabled"), "1\n");
        Files.createSymbolicLink(cls.resolve("intel-rapl"), Path.of("../../devices/virtual/powercap/intel-rapl"));
        return dir;
    }
}
