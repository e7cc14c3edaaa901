package dev.greenloop.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server for the fleet benchmarks, from the embedded binaries that the store's tests use (no system
 * PostgreSQL needed): starts it on a data folder, prints the JDBC URL of its {@code postgres} database on one line,
 * and serves until standard input closes or the process is stopped. The server runs with PostgreSQL's defaults
 * (fsync on, synchronous commit), so a 202 means the samples are on disk.
 *
 * <p>Usage: {@code BenchPostgres DATA_DIR}
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BenchPostgres DATA_DIR");
            System.exit(2);
        }
        Path data = Files.createDirectories(Path.of(args[0]));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200").start()) {
            System.out.println("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until standard input closes
            }
        }
    }
}
