package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A signal that reaches {@code measure} while the meter is still starting (before the command exists) is kept and
 * delivered to the command once it starts: it neither ends the measurement without a report nor is lost.
 */
class ChildSignalsTest {

    @Test
    void sigtermBeforeTheCommandStarts_isDeliveredToItOnceStarted() throws Exception {
        ChildSignals signals = new ChildSignals(); // the JVM's own handlers are left alone in this test
        signals.received(Signals.SIGTERM);
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            signals.started(p);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "sleep did not get the early SIGTERM");
            assertEquals(128 + Signals.SIGTERM, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigtermAfterTheCommandStarted_isForwardedAtOnce() throws Exception {
        ChildSignals signals = new ChildSignals();
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            signals.started(p);
            signals.received(Signals.SIGTERM);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "sleep did not get SIGTERM");
            assertEquals(128 + Signals.SIGTERM, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigusr1AndSigusr2_areForwardedToTheCommand() throws Exception {
        ChildSignals signals = new ChildSignals();
        for (int signal : new int[] {Signals.SIGUSR1, Signals.SIGUSR2}) {
            Process p = new ProcessBuilder("sleep", "30").start();
            try {
                signals.started(p);
                signals.received(signal);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "sleep did not get signal " + signal);
                assertEquals(128 + signal, p.exitValue());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void sigusr1AfterTheCommandEnded_isIgnored() throws Exception {
        ChildSignals signals = new ChildSignals();
        Process p = new ProcessBuilder("true").start();
        signals.started(p);
        assertEquals(0, p.waitFor());
        signals.received(Signals.SIGUSR1); // nothing to deliver to: no exception, nothing destroyed
        assertEquals(0, p.exitValue());
    }
}
