package dev.greenloop.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The ML-training scenario of Let's Wait Awhile (Wiesner, Behnke, Scheinert, Gontarska, Thamsen:
 * "Let's Wait Awhile: How Temporal Workload Shifting Can Reduce Carbon Emissions in the Cloud",
 * Middleware 2021), regenerated as Greenloop jobs. The rules follow the paper's repository
 * (dos-group/lets-wait-awhile: {@code generate_batch_jobs} in simulate.py, the {@code next_workday}
 * forecast window in strategy.py); the code is our own:
 *
 * <ul>
 *   <li>{@value #ML_JOBS} jobs in 2020; the number per day is multinomial over the workdays (Monday
 *       to Friday, holidays included) with equal probabilities;
 *   <li>each job is submitted on its day at 09:00, 09:30, …, 16:30 UTC, uniformly;
 *   <li>its run time is 240, 270, …, 5,370 minutes (4 h to 89.5 h), uniformly;
 *   <li>its deadline is {@link #nextWorkday(Instant) the next workday rule} applied to the time it
 *       would finish if started at once; it draws 1,000 W (the paper's one unit).
 * </ul>
 *
 * <p>The paper draws with numpy's {@code default_rng(0)}, which Java cannot reproduce: the job set
 * here has the same distribution, not the same jobs. Draws come from {@link java.util.Random}, whose
 * algorithm its specification fixes, so a seed gives the same jobs on every JDK.
 */
public final class LwaScenario {

    /** The number of jobs in the paper's ML-training scenario. */
    public static final int ML_JOBS = 3387;

    /** The year the paper simulates. */
    public static final int YEAR = 2020;

    private static final int SLOT_MINUTES = 30;
    private static final LocalTime DAY_START = LocalTime.of(9, 0);
    private static final LocalTime DAY_END = LocalTime.of(17, 0);
    /** Submit slots 09:00 to 16:30: {@code range(9 × 60, 17 × 60, 30)} in the paper. */
    private static final int SUBMIT_SLOTS = 16;
    /** Run times {@code range(4 × 60, 90 × 60, 30)} minutes in the paper: 240 to 5,370. */
    private static final int MIN_DURATION_MINUTES = 240;
    private static final int DURATION_CHOICES = (90 * 60 - MIN_DURATION_MINUTES) / SLOT_MINUTES;
    private static final double POWER_WATTS = 1000;

    private LwaScenario() {
    }

    /**
     * @param seed the seed of the draws; the same seed gives the same jobs
     * @param interruptible whether the jobs may be split (with no checkpoint overhead and no minimum
     *     segment, as in the paper)
     * @return {@value #ML_JOBS} jobs named {@code ml-0000}, {@code ml-0001}, … in submit order, on
     *     every zone simulated; immutable
     */
    public static List<Job> mlTraining(long seed, boolean interruptible) {
        Random random = new Random(seed);
        List<LocalDate> workdays = LocalDate.of(YEAR, 1, 1).datesUntil(LocalDate.of(YEAR + 1, 1, 1))
                .filter(d -> d.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()).toList();
        int[] perDay = new int[workdays.size()];
        for (int i = 0; i < ML_JOBS; i++) {
            // ML_JOBS equally likely categories: one multinomial draw.
            perDay[random.nextInt(workdays.size())]++;
        }
        List<Instant> submits = new ArrayList<>(ML_JOBS);
        for (int d = 0; d < workdays.size(); d++) {
            int[] slots = new int[perDay[d]];
            Arrays.setAll(slots, i -> random.nextInt(SUBMIT_SLOTS));
            Arrays.sort(slots);
            for (int slot : slots) {
                submits.add(workdays.get(d).atTime(DAY_START).plusMinutes((long) slot * SLOT_MINUTES).toInstant(ZoneOffset.UTC));
            }
        }
        List<Job> jobs = new ArrayList<>(ML_JOBS);
        for (int i = 0; i < ML_JOBS; i++) {
            int minutes = MIN_DURATION_MINUTES + SLOT_MINUTES * random.nextInt(DURATION_CHOICES);
            Instant submit = submits.get(i);
            Instant deadline = nextWorkday(submit.plusSeconds(minutes * 60L));
            jobs.add(new Job("ml-%04d".formatted(i), submit, minutes, deadline, POWER_WATTS, interruptible, 0, 0, List.of()));
        }
        return List.copyOf(jobs);
    }

    /**
     * The paper's {@code next_workday} deadline, in UTC: a job whose original finish falls on a
     * Saturday may run until Monday 09:00; on a Sunday or after 17:00, until 09:00 the next day (so
     * Friday evening gives Saturday 09:00, as in the paper's code); before 09:00, until 09:00 that
     * day; otherwise it has no slack. The paper counts a time "after 17:00" by its hour and half
     * hour; on its 30-minute grid, which every job here is on, that is the same as after 17:00.
     *
     * @param originalFinish when the job would finish if started at submission
     * @return the deadline, never before {@code originalFinish}
     */
    public static Instant nextWorkday(Instant originalFinish) {
        LocalDateTime oft = LocalDateTime.ofInstant(originalFinish, ZoneOffset.UTC);
        LocalDate day = oft.toLocalDate();
        LocalTime time = oft.toLocalTime();
        LocalDateTime deadline;
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            deadline = day.plusDays(2).atTime(DAY_START);
        } else if (day.getDayOfWeek() == DayOfWeek.SUNDAY || time.isAfter(DAY_END)) {
            deadline = day.plusDays(1).atTime(DAY_START);
        } else if (time.isBefore(DAY_START)) {
            deadline = day.atTime(DAY_START);
        } else {
            deadline = oft;
        }
        return deadline.toInstant(ZoneOffset.UTC);
    }
}
