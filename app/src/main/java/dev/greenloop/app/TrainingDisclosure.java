package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.StoredRun;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The training runs of a selection, with what the EU AI Act asks a provider of a general-purpose AI model to document
 * about its training (Regulation (EU) 2024/1689, Annex XI, Section 1, point 2(d): the computational resources used, such
 * as the number of floating-point operations, and the training time; point 2(e): the known or estimated energy
 * consumption). A run is a training run when it is tagged {@value #TAG}={@value #VALUE} ({@code measure --tag}) or
 * measured {@code greenloop lab distill}; its FLOPs are its {@value #FLOPS_TAG} tag where given, else unknown.
 */
final class TrainingDisclosure {

    static final String TAG = "kind";
    static final String VALUE = "training";
    static final String FLOPS_TAG = "flops";

    /** What the block answers to. */
    static final String REFERENCE = "Regulation (EU) 2024/1689 (AI Act), Annex XI, Section 1, points 2(d) and 2(e)";

    private TrainingDisclosure() {
    }

    /** @return whether the run trained a model */
    static boolean isTraining(StoredRun r) {
        if (VALUE.equals(r.start().tags().get(TAG))) {
            return true;
        }
        List<String> c = r.start().command();
        for (int i = 0; i + 1 < c.size(); i++) {
            if (c.get(i).equals("lab") && c.get(i + 1).equals("distill")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param runs the selected runs
     * @param assumptions told which tags are not numbers
     * @return the training runs among them, oldest first
     */
    static List<Disclosure.TrainingRun> of(List<StoredRun> runs, List<String> assumptions) {
        List<Disclosure.TrainingRun> out = new ArrayList<>();
        for (StoredRun r : runs) {
            if (!isTraining(r)) {
                continue;
            }
            RunOutcome o = r.outcome().orElseThrow();
            Provenance p = Provenance.MEASURED;
            for (RunComponent c : o.components()) {
                if (c.counted()) {
                    p = p.weakest(c.provenance());
                }
            }
            OptionalDouble flops = OptionalDouble.empty();
            String given = r.start().tags().get(FLOPS_TAG);
            if (given != null) {
                try {
                    double f = Double.parseDouble(given.strip());
                    if (f >= 0 && Double.isFinite(f)) {
                        flops = OptionalDouble.of(f);
                    } else {
                        assumptions.add("training run %d: its tag flops=%s is not a number of operations >= 0, so its FLOPs are unknown".formatted(r.id(), given));
                    }
                } catch (NumberFormatException e) {
                    assumptions.add("training run %d: its tag flops=%s is not a number (write it like flops=3.1e21), so its FLOPs are unknown".formatted(r.id(), given));
                }
            }
            out.add(new Disclosure.TrainingRun(r.id(), r.start().name(), r.start().node().name(), r.start().startedAt(), o.endedAt(), o.total().joules(),
                    p.label(), o.carbon().grams(), flops));
        }
        out.sort(java.util.Comparator.comparing(Disclosure.TrainingRun::start).thenComparingLong(Disclosure.TrainingRun::run));
        return out;
    }
}
