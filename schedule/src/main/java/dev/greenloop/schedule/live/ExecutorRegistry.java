package dev.greenloop.schedule.live;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The executors by name: {@code local} and {@code slurm}. The one place an executor is chosen; a new executor is
 * a class implementing {@link Executor} and one {@code register} line in the static block below (see
 * docs/extending.md, "A new executor").
 */
public final class ExecutorRegistry {

    /** What a factory may build an executor from. Immutable. */
    public record Context(Path root, Supplier<Instant> now, List<String> options, Function<LiveJob, List<String>> wrapper) {

        /**
         * @param root the folder under which the executor keeps one folder per job
         * @param now the current time
         * @param options extra executor options, such as {@code sbatch} options for Slurm; an executor without options ignores them
         * @param wrapper per job, the words a batch script puts before the job's command so that it is measured where it
         *     runs (Slurm); an empty list runs the command alone
         */
        public Context {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(now, "now");
            options = List.copyOf(options);
            Objects.requireNonNull(wrapper, "wrapper");
        }

        /** @return a context without options or wrapper, for executors used only to look at or cancel jobs */
        public static Context of(Path root) {
            return new Context(root, Instant::now, List.of(), job -> List.of());
        }
    }

    /** Builds an executor. */
    @FunctionalInterface
    public interface Factory {
        /** @return a new executor */
        Executor create(Context context);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register("local", c -> new LocalExecutor(c.root()));
        register("slurm", c -> new SlurmExecutor(c.root(), c.now(), c.options(), null, c.wrapper()));
    }

    private ExecutorRegistry() {
    }

    private static void register(String name, Factory factory) {
        FACTORIES.put(name, factory);
    }

    /** @return the executors' names, in registration order ({@code local} first, the default) */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * @param name an executor's name, in any case, with surrounding blanks ignored
     * @return whether {@code name} names an executor
     */
    public static boolean has(String name) {
        return FACTORIES.containsKey(normalize(name));
    }

    /**
     * Builds the executor named {@code name}.
     *
     * @param name as {@link #has}
     * @throws IllegalArgumentException for an unknown name, naming it and the known ones ("'x' is not local or slurm")
     */
    public static Executor create(String name, Context context) {
        Factory f = FACTORIES.get(normalize(name));
        if (f == null) {
            throw new IllegalArgumentException("'%s' is not %s".formatted(name, String.join(" or ", names())));
        }
        return f.create(context);
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
