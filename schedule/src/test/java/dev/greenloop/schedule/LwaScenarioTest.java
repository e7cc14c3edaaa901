package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The regenerated Let's Wait Awhile ML-training job set and its next-workday deadline rule. */
class LwaScenarioTest {

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void nextWorkday_handPickedCases_followThePapersRule() {
        Map<String, String> cases = new TreeMap<>(Map.of(
                "2020-01-03T17:00:00Z", "2020-01-03T17:00:00Z",   // Friday 17:00: no slack
                "2020-01-03T17:30:00Z", "2020-01-04T09:00:00Z",   // Friday evening: Saturday 09:00, as the paper's code does
                "2020-01-04T03:00:00Z", "2020-01-06T09:00:00Z",   // Saturday night: Monday
                "2020-01-04T10:00:00Z", "2020-01-06T09:00:00Z",   // Saturday: Monday
                "2020-01-05T20:00:00Z", "2020-01-06T09:00:00Z",   // Sunday: Monday
                "2020-01-06T08:30:00Z", "2020-01-06T09:00:00Z",   // Monday morning: that day 09:00
                "2020-01-08T12:30:00Z", "2020-01-08T12:30:00Z",   // Wednesday midday: no slack
                "2020-01-08T23:30:00Z", "2020-01-09T09:00:00Z",   // Wednesday night: Thursday 09:00
                "2020-12-31T18:00:00Z", "2021-01-01T09:00:00Z")); // the year's last evening
        cases.forEach((finish, deadline) -> assertEquals(at(deadline), LwaScenario.nextWorkday(at(finish)), finish));
    }

    @Test
    void mlTraining_counts_workdaysOnly_timesAndDurationsInRange() {
        List<Job> jobs = LwaScenario.mlTraining(0, false);
        assertEquals(3387, jobs.size());
        Set<String> ids = new HashSet<>();
        Set<Integer> durations = new HashSet<>();
        Set<Integer> slots = new HashSet<>();
        Instant previous = Instant.MIN;
        for (Job j : jobs) {
            assertTrue(ids.add(j.id()), j.id());
            LocalDateTime s = LocalDateTime.ofInstant(j.submit(), ZoneOffset.UTC);
            assertEquals(2020, s.getYear(), j.toString());
            assertTrue(s.getDayOfWeek() != DayOfWeek.SATURDAY && s.getDayOfWeek() != DayOfWeek.SUNDAY, j.toString());
            int minuteOfDay = s.getHour() * 60 + s.getMinute();
            assertTrue(minuteOfDay >= 9 * 60 && minuteOfDay < 17 * 60 && minuteOfDay % 30 == 0 && s.getSecond() == 0, j.toString());
            slots.add(minuteOfDay);
            assertTrue(j.durationMinutes() >= 240 && j.durationMinutes() <= 5370 && j.durationMinutes() % 30 == 0, j.toString());
            durations.add(j.durationMinutes());
            assertFalse(j.submit().isBefore(previous), "submit order at " + j.id());
            previous = j.submit();
            Instant finish = j.submit().plusSeconds(60L * j.durationMinutes());
            assertEquals(LwaScenario.nextWorkday(finish), j.deadline(), j.toString());
            assertEquals(1000.0, j.powerWatts());
            assertFalse(j.interruptible());
            assertEquals(List.of(), j.zones());
        }
        assertEquals(16, slots.size(), "every submit slot 09:00..16:30 drawn");
        assertEquals(172, durations.size(), "every run time 240..5370 min drawn");
        double meanMinutes = jobs.stream().mapToInt(Job::durationMinutes).average().orElseThrow();
        assertEquals((240 + 5370) / 2.0, meanMinutes, 60, "uniform run times");
        long withSlack = jobs.stream().filter(j -> j.deadline().isAfter(j.submit().plusSeconds(60L * j.durationMinutes()))).count();
        assertTrue(withSlack > 3387 / 2 && withSlack < 3387, "most but not all jobs have slack: " + withSlack);
    }

    @Test
    void mlTraining_sameSeedSameJobs_otherSeedOtherJobs_interruptibleFlagOnly() {
        List<Job> a = LwaScenario.mlTraining(7, false);
        assertEquals(a, LwaScenario.mlTraining(7, false));
        assertNotEquals(a, LwaScenario.mlTraining(8, false));
        List<Job> i = LwaScenario.mlTraining(7, true);
        for (int k = 0; k < a.size(); k++) {
            Job x = a.get(k);
            assertEquals(new Job(x.id(), x.submit(), x.durationMinutes(), x.deadline(), x.powerWatts(), true, 0, 0, x.zones()), i.get(k));
        }
    }

    @Test
    void write_thenParse_givesTheSameJobs() throws IOException {
        List<Job> jobs = LwaScenario.mlTraining(3, true);
        StringBuilder csv = new StringBuilder();
        JobFiles.write(jobs, csv);
        List<String> lines = csv.toString().lines().toList();
        assertEquals(String.join(",", JobFiles.COLUMNS), lines.getFirst());
        assertEquals(jobs, JobFiles.parse(lines, "generated"));
        Job overhead = new Job("b", at("2020-01-06T09:00:00Z"), 60, at("2020-01-07T09:00:00Z"), 2.5, true, 5, 30, List.of("DE", "FR"));
        StringBuilder two = new StringBuilder();
        JobFiles.write(List.of(overhead), two);
        assertEquals(List.of(overhead), JobFiles.parse(two.toString().lines().toList(), "generated"));
        Job battery = Job.precomputable("c", at("2020-01-06T18:00:00Z"), 90, at("2020-01-07T08:00:00Z"), 1500, List.of("ES"));
        StringBuilder three = new StringBuilder();
        JobFiles.write(List.of(overhead, battery), three);
        assertEquals(List.of(overhead, battery), JobFiles.parse(three.toString().lines().toList(), "generated"));
        Job comma = Job.of("a,b", at("2020-01-06T09:00:00Z"), 60, at("2020-01-07T09:00:00Z"), 1, List.of());
        assertThrows(IllegalArgumentException.class, () -> JobFiles.write(List.of(comma), new StringBuilder()));
    }
}
