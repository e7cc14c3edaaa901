package dev.greenloop.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@code greenloop server} runs: what the front end parsed from its flags.
 *
 * @param port the TCP port (0: any free one)
 * @param bind the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param traces carbon-intensity trace files per zone ({@code --trace ZONE=FILE})
 * @param providers live intensity providers per zone ({@code --provider P --zone Z})
 * @param auth true to require bearer tokens ({@code --auth token}), false for none (loopback only)
 * @param tlsKeystore a PKCS#12 keystore to serve HTTPS with, empty for plain HTTP
 * @param tlsPassword the keystore's password (from {@code GREENLOOP_TLS_PASSWORD}), empty for none
 * @param localAgent true to sample this node with a built-in agent
 * @param metricsPublic true to serve {@code /metrics} without a token
 * @param node this node's name, for the built-in agent
 */
public record ServerOptions(int port, String bind, List<Trace> traces, List<Provider> providers, boolean auth,
        Optional<Path> tlsKeystore, Optional<String> tlsPassword, boolean localAgent, boolean metricsPublic, String node) {

    /** A trace file for one zone. */
    public record Trace(String zone, Path file) {
    }

    /** A live provider for one zone, such as {@code neso} for {@code GB}. */
    public record Provider(String name, String zone) {
    }
}
