package dev.greenloop.cli.measure;

import java.io.PrintWriter;

/**
 * Keeps the measuring JVM alive through SIGINT, SIGTERM and SIGHUP while the measured command
 * runs, and passes the signal on, so the command decides when to stop and the report is still
 * written afterwards.
 *
 * <p>SIGTERM and SIGHUP are forwarded to the command. SIGINT is forwarded only when stdin is not
 * a terminal: Ctrl-C on a terminal already reaches every process of the foreground group, the
 * command included, and a second SIGINT would interrupt its own clean-up (GNU {@code time}
 * ignores SIGINT for the same reason).
 */
final class ChildSignals {

    private ChildSignals() {
    }

    static void forwardTo(Process process, PrintWriter err) {
        boolean terminal = Native.isatty(0);
        boolean installed = Signals.handle(signal -> {
            if (signal == Signals.SIGINT && terminal) {
                return;
            }
            if (!Native.kill(process.pid(), signal)) {
                process.destroy();
            }
        });
        if (!installed) {
            err.println("greenloop: warning: cannot handle signals on this JVM; a signal will end the measurement without a report");
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
