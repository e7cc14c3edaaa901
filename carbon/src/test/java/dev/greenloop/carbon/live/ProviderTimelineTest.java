package dev.greenloop.carbon.live;

import dev.greenloop.testfixtures.FakeProviderApi;
import dev.greenloop.testfixtures.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.core.Interval;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderTimelineTest {

    private static final Instant T0 = Instant.parse("2018-01-20T12:00:00Z");

    private final FakeProviderApi api;

    ProviderTimelineTest() throws IOException {
        api = new FakeProviderApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static LivePoint point(String resolution, int startMinutes, int minutes, double value, Instant issued) {
        CarbonSignal s = new CarbonSignal("GB", LivePoint.AVERAGE, LivePoint.DIRECT, resolution, NesoProvider.SOURCE);
        return new LivePoint(s, new Interval(T0.plusSeconds(60L * startMinutes), T0.plusSeconds(60L * (startMinutes + minutes))),
                CarbonIntensity.ofGramsPerKWh(value), issued);
    }

    @Test
    void at_actualAndForecastOverlap_actualWins() {
        var t = ProviderTimeline.of("GB", List.of(point("forecast", 0, 30, 250, T0), point("actual", 0, 30, 263, T0)), null);
        assertEquals(263, t.at(T0.plusSeconds(60)).intensity().gramsPerKWh());
        assertEquals("actual", t.signalAt(T0).resolution());
    }

    @Test
    void at_twoForecastIssues_laterIssueWins() {
        var early = point("forecast", 30, 30, 100, T0);
        var late = point("forecast", 30, 30, 120, T0.plusSeconds(1800));
        var t = ProviderTimeline.of("GB", List.of(late, early), null);
        assertEquals(120, t.at(T0.plusSeconds(1800)).intensity().gramsPerKWh());
    }

    @Test
    void at_notCovered_fallsBackAndLabelsIt() {
        IntensityTimeline yearly = ZoneTable.builtIn().timeline("GB");
        var t = ProviderTimeline.of("GB", List.of(point("actual", 0, 30, 263, T0)), yearly);
        Instant later = T0.plusSeconds(3600);
        assertFalse(t.covers(later));
        assertEquals(yearly.at(later).intensity(), t.at(later).intensity());
        assertEquals("yearly", t.signalAt(later).resolution());
        assertEquals("actual", t.signal().resolution());
    }

    @Test
    void at_notCoveredWithoutFallback_throws() {
        var t = ProviderTimeline.of("GB", List.of(point("actual", 0, 30, 263, T0)), null);
        assertThrows(NoSuchElementException.class, () -> t.at(T0.minusSeconds(1)));
        assertThrows(NoSuchElementException.class, () -> t.at(T0.plusSeconds(1800)));
    }

    @Test
    void of_pointOfAnotherZone_rejected() {
        CarbonSignal s = new CarbonSignal("DE", "average", "lifecycle", "actual", "x");
        var p = new LivePoint(s, new Interval(T0, T0.plusSeconds(60)), CarbonIntensity.ofGramsPerKWh(1), T0);
        assertThrows(IllegalArgumentException.class, () -> ProviderTimeline.of("GB", List.of(p), null));
        assertThrows(IllegalArgumentException.class, () -> ProviderTimeline.of("GB", List.of(), null));
    }

    @Test
    void fetch_spanningNow_usesHistoryThenArchivedForecast() {
        api.route("/intensity/2018-01-20T11:00Z/2018-01-20T12:10Z", r -> FakeProviderApi.Answer.ok("""
                {"data":[{"from":"2018-01-20T11:00Z","to":"2018-01-20T11:30Z","intensity":{"forecast":300,"actual":310,"index":"high"}},
                         {"from":"2018-01-20T11:30Z","to":"2018-01-20T12:00Z","intensity":{"forecast":290,"actual":280,"index":"high"}}]}"""));
        api.route("/intensity/2018-01-20T12:10Z/fw48h", r -> FakeProviderApi.Answer.ok(NesoProviderTest.NATIONAL_FW48H));
        Doubles.ListSink sink = new Doubles.ListSink();
        var clock = new TestClock(NesoProviderTest.NOW);
        var neso = new NesoProvider(api.baseUrl(), LiveOptions.defaults(), sink, clock, new Doubles.RecordingSleeper());
        var t = ProviderTimeline.fetch(neso, "gb", T0.minusSeconds(3600), T0.plusSeconds(3600), NesoProviderTest.NOW, null);
        assertEquals("GB", t.zone());
        assertEquals(310, t.at(T0.minusSeconds(3000)).intensity().gramsPerKWh());
        assertEquals("actual", t.signalAt(T0.minusSeconds(3000)).resolution());
        assertEquals(250, t.at(T0.plusSeconds(1900)).intensity().gramsPerKWh());
        assertEquals("forecast", t.signalAt(T0.plusSeconds(1900)).resolution());
        assertEquals(1, sink.archived.size());
        assertTrue(t.covers(T0.plusSeconds(3599)));
    }
}
