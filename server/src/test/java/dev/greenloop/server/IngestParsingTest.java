package dev.greenloop.server;

import static dev.greenloop.server.AuthTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.TokenRole;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ingest body and registration query, read strictly: each mistake is a 400 (or 413) naming the field. */
class IngestParsingTest {

    static final String SAMPLE = """
            {"id":"%s","time":"2026-12-05T10:00:01Z","seconds":1,"component":"cpu-package-0","scope":"cpu-package",\
            "provenance":"measured","joules":12.5,"watts":12.5}""";

    private final TestServer server = new TestServer(TestServer.options(true, "127.0.0.1", new ServerOptions.Limits(4096, 3, 0, 1)));
    private final String agent = server.token(TokenRole.AGENT);

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return server.post("/api/v1/nodes/n1/samples?zone=DE&pue=1.2&hardware=test", agent, body);
    }

    private void assertBad(String body, String field, String inDetail) throws Exception {
        HttpResponse<String> r = post(body);
        assertEquals(400, r.statusCode(), r.body());
        assertProblem(r, 400, field);
        assertTrue(JsonPaths.of(r.body()).get("detail").toString().contains(inDetail), r.body());
    }

    @Test
    void malformedJson_400NamingTheSample() throws Exception {
        assertBad("[" + SAMPLE.formatted("a") + ", {\"id\": }]", "[1]", "not valid JSON");
    }

    @Test
    void unknownField_400() throws Exception {
        assertBad("[" + SAMPLE.formatted("a").replace("\"watts\"", "\"wats\"") + "]", "[0].wats", "unknown field 'wats'");
    }

    @Test
    void missingField_400() throws Exception {
        assertBad("[" + SAMPLE.formatted("a") + "," + SAMPLE.formatted("b").replace(",\"joules\":12.5", "") + "]", "[1].joules", "no 'joules'");
    }

    @Test
    void wrongType_400() throws Exception {
        assertBad("[" + SAMPLE.formatted("a").replace("\"seconds\":1", "\"seconds\":\"1\"") + "]", "[0].seconds", "must be a number");
        assertBad("[" + SAMPLE.formatted("a").replace("\"id\":\"a\"", "\"id\":7") + "]", "[0].id", "must be a string");
    }

    @Test
    void badTimeScopeOrProvenance_400() throws Exception {
        assertBad("[" + SAMPLE.formatted("a").replace("2026-12-05T10:00:01Z", "yesterday") + "]", "[0].time", "ISO-8601");
        assertBad("[" + SAMPLE.formatted("a").replace("\"cpu-package\"", "\"socket\"") + "]", "[0].scope", "unknown scope 'socket'");
        assertBad("[" + SAMPLE.formatted("a").replace("\"measured\"", "\"guessed\"") + "]", "[0].provenance", "guessed");
    }

    @Test
    void notAnArray_400() throws Exception {
        assertBad(SAMPLE.formatted("a"), null, "JSON array");
        assertBad("[1]", "[0]", "must be a JSON object");
        assertBad("[] []", null, "nothing after it");
    }

    @Test
    void duplicateField_400() throws Exception {
        assertBad("[" + SAMPLE.formatted("a").replace("\"watts\":12.5", "\"watts\":12.5,\"watts\":1") + "]", "[0].watts", "twice");
    }

    @Test
    void registration_zoneRequired_pueChecked() throws Exception {
        HttpResponse<String> r = server.post("/api/v1/nodes/n1/samples", agent, "[]");
        assertEquals(400, r.statusCode());
        assertProblem(r, 400, "zone");
        r = server.post("/api/v1/nodes/n1/samples?zone=DE&pue=0.5", agent, "[]");
        assertEquals(400, r.statusCode());
        assertProblem(r, 400, "pue");
        r = server.post("/api/v1/nodes/n1/samples?zone=DE&pue=abc", agent, "[]");
        assertProblem(r, 400, "pue");
    }

    @Test
    void oversizedBody_413() throws Exception {
        String big = "[" + (SAMPLE.formatted("a") + ",").repeat(40) + SAMPLE.formatted("z") + "]";
        assertTrue(big.length() > 4096);
        HttpResponse<String> r = post(big);
        assertEquals(413, r.statusCode(), r.body());
        assertProblem(r, 413, null);
        assertTrue(JsonPaths.of(r.body()).get("detail").toString().contains("4096 bytes"), r.body());
    }

    @Test
    void oversizedChunkedBody_413WhileReading() throws Exception {
        String big = "[" + (SAMPLE.formatted("a") + ",").repeat(40) + SAMPLE.formatted("z") + "]";
        var request = java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/nodes/n1/samples?zone=DE")).header("Authorization", "Bearer " + agent)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build();
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertProblem(r, 413, null);
    }

    @Test
    void batchTooLong_413NamingTheLimit() throws Exception {
        String four = "[" + SAMPLE.formatted("a") + "," + SAMPLE.formatted("b") + "," + SAMPLE.formatted("c") + "," + SAMPLE.formatted("d") + "]";
        HttpResponse<String> r = post(four);
        assertEquals(413, r.statusCode(), r.body());
        assertProblem(r, 413, "[3]");
        assertTrue(JsonPaths.of(r.body()).get("detail").toString().contains("at most 3"), r.body());
    }

    @Test
    void parser_readsEveryField() throws Exception {
        var samples = SampleParser.parse(new java.io.ByteArrayInputStream(("[" + SAMPLE.formatted("x1") + "]").getBytes()), 10);
        var s = samples.getFirst();
        assertEquals("x1", s.id());
        assertEquals(java.time.Instant.parse("2026-12-05T10:00:01Z"), s.time());
        assertEquals(1.0, s.seconds());
        assertEquals("cpu-package-0", s.component());
        assertEquals(dev.greenloop.core.Scope.CPU_PACKAGE, s.scope());
        assertEquals(dev.greenloop.core.Provenance.MEASURED, s.provenance());
        assertEquals(12.5, s.joules());
        assertEquals(12.5, s.watts());
    }
}
