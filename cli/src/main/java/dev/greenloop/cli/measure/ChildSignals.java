package dev.greenloop.cli.measure;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the measuring JVM alive through SIGINT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 while the measured command
 * runs, and passes the signal on, so the command decides what it means (stop, reload, report) and the report is
 * still written afterwards.
 *
 * <p>SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 are forwarded to the command; one that arrives after the command ended is
 * ignored. SIGQUIT is not forwarded (HotSpot keeps it for its thread dump, which the launcher sends to stderr). SIGINT is forwarded only when stdin is not
 * a terminal: Ctrl-C on a terminal already reaches every process of the foreground group, the
 * command included, and a second SIGINT would interrupt its own clean-up (GNU {@code time}
 * ignores SIGINT for the same reason). The handlers are installed before the meter starts, and a signal that
 * comes before the command exists is delivered to it once it is started.
 */
final class ChildSignals {

    private final boolean terminal = Native.isatty(0);
    private final Object lock = new Object();
    private final List<Integer> pending = new ArrayList<>();
    private Process process;

    ChildSignals() {
    }

    /**
     * Takes over SIGINT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 now, before the command exists: a signal that arrives while the meter
     * starts is kept and delivered to the command as soon as it is started (so it is neither lost nor fatal to the
     * measurement, whose report is still written).
     */
    static ChildSignals install(PrintWriter err) {
        ChildSignals signals = new ChildSignals();
        if (!Signals.handle(signals::received)) {
            err.println("greenloop: warning: cannot handle signals on this JVM; a signal will end the measurement without a report");
        }
        return signals;
    }

    /** The command has started: signals go to it from now on, those that came before first. */
    void started(Process started) {
        List<Integer> early;
        synchronized (lock) {
            process = started;
            early = List.copyOf(pending);
            pending.clear();
        }
        early.forEach(signal -> deliver(started, signal));
    }

    void received(int signal) {
        if (signal == Signals.SIGINT && terminal) {
            return;
        }
        Process target;
        synchronized (lock) {
            target = process;
            if (target == null) {
                pending.add(signal);
                return;
            }
        }
        deliver(target, signal);
    }

    private static void deliver(Process target, int signal) {
        boolean sent = Native.kill(target.pid(), signal);
        if (!sent && signal != Signals.SIGUSR1 && signal != Signals.SIGUSR2) {
            target.destroy(); // a stop request still stops the command where the signal cannot be sent
        }
    }

    /** Waits for the command to end, through interrupts, and returns its exit code (128+N when killed by signal N). */
    static int waitFor(Process process) {
        boolean interrupted = false;
        while (true) {
            try {
                int code = process.waitFor();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return code;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
