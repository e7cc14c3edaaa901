package dev.greenloop.app;

import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.NodeRegistration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a measured run's samples to a Greenloop server as its node's samples ({@code measure --server}), as the agent
 * does: each interval of each component, with ids {@code <node>-run<run id>-<start epoch ms>-<sequence>-<component>}.
 * The samples go through the agent's spool ({@code $GREENLOOP_HOME/agent-spool/}) first, so that when the server
 * cannot be reached they stay there and the next {@code greenloop agent} (or {@code measure --server}) sends them;
 * when an agent is running on this node, it is handed them and sends them itself.
 *
 * <p>Use: pass {@link #collector()} (with any other listener) to {@link Measuring#command}, then {@link #send} its result.
 */
public final class RunPush {

    private final Settings settings;
    private final URI server;
    private final String token;
    private final Duration deadline;
    private final List<Sample> ticks = Collections.synchronizedList(new ArrayList<>());

    private RunPush(Settings settings, URI server, String token, Duration deadline) {
        this.settings = settings;
        this.server = server;
        this.token = token;
        this.deadline = deadline;
    }

    /**
     * @param server the server's base URL ({@link Agent#serverUri})
     * @param token a token of role agent; sent to the server only
     * @throws IllegalArgumentException if the token is blank
     */
    public static RunPush to(Settings settings, URI server, String token) {
        return to(settings, server, token, Duration.ofSeconds(10));
    }

    static RunPush to(Settings settings, URI server, String token, Duration deadline) {
        Objects.requireNonNull(server, "server");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: give --token or set GREENLOOP_TOKEN (a token of role agent)");
        }
        return new RunPush(Objects.requireNonNull(settings, "settings"), server, token, deadline);
    }

    /** @return a listener that keeps every tick of the run, to pass to {@link Measuring#command} */
    public SampleListener collector() {
        return ticks::add;
    }

    /**
     * What became of the run's samples.
     *
     * @param samples how many samples the run made (one per component per interval)
     * @param sent true when the server acknowledged them all
     * @param tokenRefused true when the server refused the token (401, 403); the samples stay in the spool
     * @param message one line for standard error: sent, or where they are kept and who sends them
     */
    public record Result(int samples, boolean sent, boolean tokenRefused, String message) {
    }

    /**
     * Spools the run's samples and pushes what the spool holds (earlier leftovers first), for a few seconds at most.
     *
     * @param result the measured run; its node, start and id name the samples
     * @return what became of them; never throws for a server that is away or a spool that cannot be written: the
     *     message says so
     */
    public Result send(Measuring.CommandResult result) {
        NodeInfo info = result.run().node();
        NodeRegistration node = new NodeRegistration(info.name(), info.zone(), info.pue(), info.hardware());
        Instant startedAt = result.run().startedAt();
        IntervalSamples intervals = new IntervalSamples(IntervalSamples.runPrefix(info.name(), result.runId().orElse(0L), startedAt), startedAt);
        List<FleetSample> samples = new ArrayList<>();
        synchronized (ticks) {
            for (Sample tick : ticks) {
                samples.addAll(intervals.next(tick));
            }
        }
        Path dir = settings.home().resolve(AgentSpool.FOLDER);
        List<String> notes = new ArrayList<>();
        try {
            Optional<AgentSpool> opened = AgentSpool.tryOpen(settings.home(), AgentSpool.Limits.DEFAULT, notes::add);
            if (opened.isEmpty()) {
                Path segment = AgentSpool.handOver(settings.home(), node, samples);
                return new Result(samples.size(), false, false,
                        "%d samples handed to the agent running on this node (%s); it sends them to its server".formatted(samples.size(), segment));
            }
            try (AgentSpool spool = opened.get()) {
                spool.append(node, samples);
                IngestClient client = new IngestClient(server, token, Duration.ofSeconds(5));
                SpoolPush.Round round = new SpoolPush(spool, client, Agent.Tuning.DEFAULT.batchSize(), Duration.ofSeconds(5), notes::add)
                        .pushUntil(Instant.now().plus(deadline));
                String extra = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
                if (round.failure().orElse(null) instanceof IngestClient.Unauthorized u) {
                    return new Result(samples.size(), false, true, "the server %s refused the token (HTTP %d: %s); the run's %d samples stay in %s"
                            .formatted(server, u.status(), u.problem(), samples.size(), dir) + extra);
                }
                if (spool.pending() == 0) {
                    return new Result(samples.size(), true, false, "sent the run's %d samples to %s%s".formatted(samples.size(), server,
                            round.pushed() > samples.size() ? " (and %d spooled earlier)".formatted(round.pushed() - samples.size()) : "") + extra);
                }
                String why = round.failure().orElse(null) instanceof IngestClient.TryLater t ? "unreachable (" + t.reason() + ")" : "slow";
                return new Result(samples.size(), false, false, ("the server %s is %s: %d samples are kept in %s; the next 'greenloop agent'"
                        + " or 'measure --server' sends them").formatted(server, why, spool.pending(), dir) + extra);
            }
        } catch (IOException e) {
            return new Result(samples.size(), false, false, "the run's %d samples could not be spooled in %s: %s; they were not sent"
                    .formatted(samples.size(), dir, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(samples.size(), false, false, "interrupted while sending; what was not sent stays in " + dir);
        }
    }
}
