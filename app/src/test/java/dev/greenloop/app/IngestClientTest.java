package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.NodeRegistration;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestClientTest {

    @Test
    void retryAfter_secondsOrHttpDate_emptyForGarbage() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), IngestClient.retryAfter("120"));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
        Duration d = IngestClient.retryAfter(inAMinute).orElseThrow();
        assertTrue(d.toSeconds() >= 55 && d.toSeconds() <= 61, d.toString());
        assertEquals(Optional.empty(), IngestClient.retryAfter("soon"));
        assertEquals(Optional.empty(), IngestClient.retryAfter("-1"));
    }

    @Test
    void problem_detailElseTitleElseTheBodyCutToALine() {
        assertEquals("[3].joules is negative", IngestClient.problem("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"detail\":\"[3].joules is negative\"}"));
        assertEquals("Payload Too Large", IngestClient.problem("{\"title\":\"Payload Too Large\",\"status\":413}"));
        assertEquals("<html> gateway down </html>", IngestClient.problem("<html>\n gateway down\n</html>"));
    }

    @Test
    void ingestUri_nodeAndQueryEncoded_baseWithAPathKept() {
        IngestClient c = new IngestClient(URI.create("https://fleet.example/greenloop/"), "t", Duration.ofSeconds(1));
        URI u = c.ingestUri(new NodeRegistration("gpu-07", "US-CAL-CISO", 1.2, "AMD EPYC 7B13, 64 CPUs, 251.0 GiB"));
        assertEquals("https://fleet.example/greenloop/api/v1/nodes/gpu-07/samples?zone=US-CAL-CISO&pue=1.2"
                + "&hardware=AMD%20EPYC%207B13%2C%2064%20CPUs%2C%20251.0%20GiB", u.toString());
    }
}
