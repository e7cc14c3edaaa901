package dev.greenloop.lab;

import java.nio.file.Path;

/**
 * What calibrating the {@code cascade} variant found, as {@link Lab#calibrate} returns it and {@code cascade.json}
 * records it. Immutable. Figures marked held-out are on every fifth calibration text, which neither the projection,
 * the confidence model nor the threshold saw.
 *
 * @param dir the cascade's folder in the variant cache
 * @param texts calibration texts used
 * @param source where they came from (a file name), as the caller named it
 * @param teacherBudget the share of the teacher's multiply-adds on the calibration texts the threshold allows, in (0, 1]
 * @param threshold the confidence (predicted cosine) at or above which the student answers
 * @param heldOutTeacherShare the share of held-out texts the rule sends to the teacher, in [0, 1]
 * @param heldOutTeacherCostShare the share of the teacher's multiply-adds over all held-out texts the rule spends, in [0, 1]
 * @param heldOutStudentCosine mean cosine to fp32 of the projected student on all held-out texts
 * @param heldOutCascadeCosine mean cosine to fp32 of the cascade's vectors on the held-out texts (1 where the teacher answers)
 * @param heldOutConfidenceCorrelation Pearson correlation of the confidence with the student's real cosine on held-out texts
 * @param seconds how long calibrating took
 * @param reused whether it was read from the cache rather than made now
 */
public record CascadeCalibration(Path dir, int texts, String source, double teacherBudget, double threshold, double heldOutTeacherShare,
        double heldOutTeacherCostShare, double heldOutStudentCosine, double heldOutCascadeCosine, double heldOutConfidenceCorrelation,
        double seconds, boolean reused) {

    /** The teacher budget unless asked otherwise: a quarter of fp32's arithmetic, under the one-third energy target with room for the student. */
    public static final double DEFAULT_TEACHER_BUDGET = 0.25;
    /** The fewest calibration texts accepted: ten per feature of the confidence model and enough to hold out a fifth. */
    public static final int MIN_TEXTS = 100;
}
