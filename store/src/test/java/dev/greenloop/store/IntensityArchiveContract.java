package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every intensity archive must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class IntensityArchiveContract {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String NESO = "UK NESO Carbon Intensity API";

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    protected IntensityArchive open() {
        IntensityArchive archive = Stores.openArchive(config());
        opened.add(archive);
        return archive;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static ArchivedIntensity point(String zone, ArchivedIntensity.Kind kind, Instant issued, Instant start, double grams) {
        return new ArchivedIntensity(zone, NESO, "average-direct", kind, issued,
                new Interval(start, start.plus(Duration.ofMinutes(30))), CarbonIntensity.ofGramsPerKWh(grams));
    }

    static List<ArchivedIntensity> forecast(String zone, Instant issued, double... grams) {
        List<ArchivedIntensity> points = new ArrayList<>();
        for (int i = 0; i < grams.length; i++) {
            points.add(point(zone, ArchivedIntensity.Kind.FORECAST, issued, issued.plus(Duration.ofMinutes(30L * i)), grams[i]));
        }
        return points;
    }

    @Test
    void save_forecast_readsBackExactlyInOrder() {
        IntensityArchive archive = open();
        List<ArchivedIntensity> first = forecast("GB", T0, 266.5, 250, 99);
        List<ArchivedIntensity> second = forecast("GB", T0.plus(Duration.ofMinutes(30)), 240, 101);

        assertEquals(3, archive.save(first));
        assertEquals(2, archive.save(second));

        List<ArchivedIntensity> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, archive.forecastsIssued("GB", T0, T0.plus(Duration.ofHours(1))));
        assertEquals(second, archive.forecastsIssued("GB", T0.plusSeconds(1), T0.plus(Duration.ofHours(1))));
        assertEquals(first, archive.forecastsIssued("GB", T0, T0.plus(Duration.ofMinutes(30))), "the end is exclusive");
    }

    @Test
    void save_sameForecastTwice_isIdempotentAndKeepsTheFirst() {
        IntensityArchive archive = open();
        List<ArchivedIntensity> points = forecast("GB", T0, 266, 250);
        archive.save(points);

        List<ArchivedIntensity> again = forecast("GB", T0, 999, 250);
        assertEquals(0, archive.save(again));

        assertEquals(points, archive.forecastsIssued("GB", T0, T0.plusSeconds(1)));
    }

    @Test
    void save_sameStartFromAnotherSourceOrSignal_isKeptBeside() {
        IntensityArchive archive = open();
        ArchivedIntensity neso = point("GB", ArchivedIntensity.Kind.FORECAST, T0, T0, 200);
        ArchivedIntensity em = new ArchivedIntensity("GB", "Electricity Maps API v3", "average-lifecycle",
                ArchivedIntensity.Kind.FORECAST, T0, neso.interval(), CarbonIntensity.ofGramsPerKWh(230));
        ArchivedIntensity emDirect = new ArchivedIntensity("GB", "Electricity Maps API v3", "average-direct",
                ArchivedIntensity.Kind.FORECAST, T0, neso.interval(), CarbonIntensity.ofGramsPerKWh(190));

        assertEquals(3, archive.save(List.of(neso, em, emDirect)));
        assertEquals(3, archive.forecastsIssued("GB", T0, T0.plusSeconds(1)).size());
    }

    @Test
    void actuals_range_areByStartAndExcludeForecastsAndOtherZones() {
        IntensityArchive archive = open();
        ArchivedIntensity a1 = point("GB", ArchivedIntensity.Kind.ACTUAL, T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofMinutes(30)), 240);
        ArchivedIntensity a0 = point("GB", ArchivedIntensity.Kind.ACTUAL, T0.plus(Duration.ofHours(1)), T0, 263);
        ArchivedIntensity later = point("GB", ArchivedIntensity.Kind.ACTUAL, T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(1)), 230);
        archive.save(List.of(a1, a0, later, point("GB-13", ArchivedIntensity.Kind.ACTUAL, T0, T0, 180)));
        archive.save(forecast("GB", T0, 266, 250));

        assertEquals(List.of(a0, a1), archive.actuals("GB", T0, T0.plus(Duration.ofHours(1))));
        assertEquals(List.of(), archive.forecastsIssued("GB-13", T0, T0.plusSeconds(1)));
    }

    @Test
    void save_reopenedArchive_readsTheSame() {
        List<ArchivedIntensity> points = forecast("DE", T0, 310, 290);
        try (IntensityArchive archive = Stores.openArchive(config())) {
            archive.save(points);
        }
        assertEquals(points, open().forecastsIssued("DE", T0, T0.plusSeconds(1)));
    }

    @Test
    void openArchive_besideAnOpenStore_bothWork() {
        Store store = Stores.open(config());
        opened.add(store);
        IntensityArchive archive = open();

        long run = store.startRun(Fixtures.newRun("train", T0));
        archive.save(forecast("GB", T0, 100));

        assertEquals(run, store.findRun(run).orElseThrow().id());
        assertEquals(1, archive.forecastsIssued("GB", T0, T0.plusSeconds(1)).size());
    }

    @Test
    void forecastsIssued_endBeforeStart_isRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open().forecastsIssued("GB", T0, T0.minusSeconds(1)));

        assertEquals("forecasts issued range end 2025-03-01T09:59:59Z is before its start 2025-03-01T10:00:00Z", e.getMessage());
    }

    @Test
    void save_empty_writesNothing() {
        assertEquals(0, open().save(List.of()));
    }

    @Test
    void keepAnswer_secondArchive_findsTheNewestWithItsFetchTime_andAnOlderOneNeverReplacesIt() {
        IntensityArchive first = open();
        IntensityArchive second = open();
        assertEquals(java.util.Optional.empty(), second.answer("neso http://127.0.0.1:1 forecast GB"));

        first.keepAnswer("neso http://127.0.0.1:1 forecast GB", new IntensityArchive.Answer(T0, "[1]"));
        assertEquals(java.util.Optional.of(new IntensityArchive.Answer(T0, "[1]")), second.answer("neso http://127.0.0.1:1 forecast GB"));

        second.keepAnswer("neso http://127.0.0.1:1 forecast GB", new IntensityArchive.Answer(T0.plusSeconds(60), "[2]"));
        first.keepAnswer("neso http://127.0.0.1:1 forecast GB", new IntensityArchive.Answer(T0.plusSeconds(30), "[older]"));
        assertEquals(java.util.Optional.of(new IntensityArchive.Answer(T0.plusSeconds(60), "[2]")),
                first.answer("neso http://127.0.0.1:1 forecast GB"));
        assertEquals(java.util.Optional.empty(), first.answer("neso http://127.0.0.1:1 forecast GB-13"));
    }

    @Test
    void keepAnswer_answersFetchedMoreThanTwoDaysBefore_areDeleted() {
        IntensityArchive archive = open();
        archive.keepAnswer("old", new IntensityArchive.Answer(T0, "[]"));
        archive.keepAnswer("recent", new IntensityArchive.Answer(T0.plus(Duration.ofDays(1)), "[]"));

        archive.keepAnswer("new", new IntensityArchive.Answer(T0.plus(Duration.ofDays(2)).plusSeconds(1), "[]"));

        assertEquals(java.util.Optional.empty(), archive.answer("old"));
        assertEquals(T0.plus(Duration.ofDays(1)), archive.answer("recent").orElseThrow().fetchedAt());
    }
}
