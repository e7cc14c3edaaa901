package dev.greenloop.cli.server;

import dev.greenloop.app.Agent;
import dev.greenloop.app.Fleet;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Durations;
import dev.greenloop.meter.MeterConfig;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The built-in agent of {@code greenloop server}: samples this node at the configured interval and stores the samples
 * straight into the server's fleet, on a thread of its own; its state is what {@code /health} says under {@code agent}.
 */
final class LocalAgent {

    private final Agent agent;
    private final PrintWriter err;
    private volatile String status = "starting";
    private Thread thread;

    LocalAgent(Settings settings, Fleet fleet, String node, PrintWriter err) {
        this.err = err;
        Duration interval = settings.get("INTERVAL").map(v -> Durations.samplingInterval(settings.origin("INTERVAL"), v))
                .orElse(MeterConfig.DEFAULT_INTERVAL);
        this.agent = Agent.inProcess(settings, fleet, node, interval, line -> {
            synchronized (err) {
                err.println("greenloop server: agent: " + line);
                err.flush();
            }
        });
    }

    void start() {
        thread = Thread.ofPlatform().name("greenloop-local-agent").daemon().start(() -> {
            status = "running";
            try {
                Agent.Outcome outcome = agent.run();
                status = "stopped: " + outcome.message();
            } catch (RuntimeException | java.io.IOException e) {
                status = "failed: " + e.getMessage();
                synchronized (err) {
                    err.println("greenloop server: agent: " + status + " (the server goes on collecting what agents push)");
                    err.flush();
                }
            }
        });
    }

    /** Stops sampling, pushes what is left into the store, and waits for it (a few seconds at most). */
    void stop() throws InterruptedException {
        agent.stop();
        if (thread != null) {
            thread.join(Duration.ofSeconds(15));
        }
    }

    String status() {
        return status;
    }
}
