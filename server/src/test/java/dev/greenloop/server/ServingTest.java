package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the server serves: HTTPS from a PKCS#12 keystore, and a stop that lets requests in flight finish. */
class ServingTest {

    @TempDir
    Path dir;

    @Test
    void close_letsARequestInFlightFinish() throws Exception {
        TestServer server = new TestServer();
        String viewer = server.token(TokenRole.VIEWER);
        URI health = server.uri("/health");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.store.onNodes = () -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return server.get("/api/v1/nodes", viewer);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        Thread.sleep(300);
        assertTrue(!closing.isDone(), "close waits for the request in flight");
        release.countDown();
        assertEquals(200, inFlight.get(10, TimeUnit.SECONDS).statusCode());
        closing.get(10, TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString()), "stopped: no more requests");
    }

    @Test
    void tls_servesHttpsWithThePkcs12Keystore() throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "greenloop", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "s3cret-pass").redirectErrorStream(true).start();
        String keytoolOutput = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), keytoolOutput);
        ServerOptions options = new ServerOptions(0, "127.0.0.1", List.of(), List.of(), true, Optional.of(keystore), Optional.of("s3cret-pass"),
                false, false, "n", ServerOptions.Limits.DEFAULT);
        try (TestServer server = new TestServer(options)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keystore.toFile())) {
                trust.load(in, "s3cret-pass".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertThrows(IOException.class, () -> server.get("/health", null), "no plain HTTP beside HTTPS");
        }
    }

    @Test
    void tls_unreadableKeystore_refusedNamingIt() {
        ServerOptions options = new ServerOptions(0, "127.0.0.1", List.of(), List.of(), true, Optional.of(dir.resolve("none.p12")),
                Optional.empty(), false, false, "n", ServerOptions.Limits.DEFAULT);
        var e = assertThrows(IllegalArgumentException.class, () -> new TestServer(options));
        assertTrue(e.getMessage().contains("none.p12"), e.getMessage());
    }
}
