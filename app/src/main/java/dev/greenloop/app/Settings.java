package dev.greenloop.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Greenloop's configuration, with its precedence: flags (the front end's) override environment
 * variables, which override {@code $GREENLOOP_HOME/config} (a properties file), which overrides defaults.
 *
 * <p>The config file's keys are the environment variables' names without the {@code GREENLOOP_}
 * prefix, in lower case: {@code zone=DE}, {@code pue=1.2}, {@code db=jdbc:postgresql://...},
 * {@code interval=1s}. The file is strict: a key outside {@link #KEYS} is an error naming the key and
 * the known ones, so that a typo ({@code zoen=DE}) is not silently ignored. Environment variables are
 * not checked: {@code GREENLOOP_}-prefixed variables that are not settings (such as
 * {@code GREENLOOP_DEBUG}, read by the launcher and the CLI) live there too.
 *
 * <p>A process reads its settings once ({@link #current()}); tests build their own with
 * {@link #load(Map)}. Instances are immutable.
 */
public final class Settings {

    /**
     * Every configuration key, in lower case as the config file spells it; the environment variable is
     * {@code GREENLOOP_} + the key in upper case. The one list: a new setting is one entry here (and a
     * line in the README's table).
     *
     * <ul>
     *   <li>{@code zone}: grid zone of this node; {@code pue}: the site's power usage effectiveness
     *   <li>{@code db}: JDBC URL of the store; {@code interval}: the meter's sampling interval
     *   <li>{@code sysfs_root}, {@code procfs_root}: where {@code /sys} and {@code /proc} are;
     *       {@code nvml_library}: NVIDIA's NVML library to load
     *   <li>{@code maven_repo}: the local Maven repository the lab fetches models from
     *   <li>{@code neso_url}, {@code electricitymaps_url}, {@code watttime_url}: base URLs replacing the live
     *       intensity providers' public ones (mirrors, tests)
     * </ul>
     *
     * {@code GREENLOOP_HOME} is not a key: the config file lives in it. Provider credentials
     * ({@code ELECTRICITYMAPS_TOKEN}, {@code WATTTIME_USERNAME}, {@code WATTTIME_PASSWORD}) are read from the
     * environment only, under the providers' own names.
     */
    public static final List<String> KEYS = List.of("zone", "pue", "db", "interval", "sysfs_root", "procfs_root", "nvml_library",
            "maven_repo", "neso_url", "electricitymaps_url", "watttime_url");

    private static final String PREFIX = "GREENLOOP_";

    private final Map<String, String> env;
    private final Properties file;
    private final Path home;

    private Settings(Map<String, String> env, Properties file, Path home) {
        this.env = env;
        this.file = file;
        this.home = home;
    }

    /**
     * This process's settings: the environment and the config file, read on the first call and kept.
     *
     * @throws ConfigException if the config file cannot be read or holds an unknown key (and again on the
     *     next call: a failed read is not kept)
     */
    public static Settings current() {
        Settings s = Holder.current;
        if (s == null) {
            synchronized (Holder.class) {
                s = Holder.current;
                if (s == null) {
                    s = load(System.getenv());
                    Holder.current = s;
                }
            }
        }
        return s;
    }

    /** Lazily set, so that reading settings costs nothing until a command needs them. */
    private static final class Holder {
        static volatile Settings current;
    }

    /**
     * Reads settings from {@code env} (in place of the process environment) and the config file in its
     * {@code GREENLOOP_HOME} (else {@code ~/.greenloop}), if there is one.
     *
     * @param env environment variables; copied
     * @throws ConfigException if the config file cannot be read or holds a key outside {@link #KEYS}
     */
    public static Settings load(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        String h = copy.get("GREENLOOP_HOME");
        Path home = h == null || h.isBlank() ? Path.of(System.getProperty("user.home"), ".greenloop") : Path.of(h);
        Properties props = new Properties();
        Path config = home.resolve("config");
        try (Reader r = Files.newBufferedReader(config)) {
            props.load(r);
        } catch (NoSuchFileException e) {
            // No config file is the common case: defaults apply.
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file %s: %s; fix or remove it".formatted(config, e.getMessage()));
        }
        for (String key : props.stringPropertyNames().stream().sorted().toList()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("config file %s: unknown key '%s'; the known keys are %s".formatted(config, key,
                        String.join(", ", KEYS)));
            }
        }
        return new Settings(copy, props, home);
    }

    /** @return the data directory, {@code GREENLOOP_HOME} (default {@code ~/.greenloop}); it may not exist yet */
    public Path home() {
        return home;
    }

    /**
     * @param name a key of {@link #KEYS}, in either case, such as {@code ZONE}
     * @return the value from the environment, else the config file, trimmed; empty if neither sets it (or blank)
     * @throws IllegalArgumentException if {@code name} is not a key of {@link #KEYS}
     */
    public Optional<String> get(String name) {
        String key = key(name);
        String v = env.get(PREFIX + key.toUpperCase(Locale.ROOT));
        if (v != null && !v.isBlank()) {
            return Optional.of(v.trim());
        }
        String f = file.getProperty(key);
        return f == null || f.isBlank() ? Optional.empty() : Optional.of(f.trim());
    }

    /**
     * @param name a key of {@link #KEYS}, in either case
     * @return where its value comes from, for messages: {@code GREENLOOP_ZONE}, or the config file and key
     *     ({@code /home/me/.greenloop/config (zone)}) when the environment does not set it
     * @throws IllegalArgumentException if {@code name} is not a key of {@link #KEYS}
     */
    public String origin(String name) {
        String key = key(name);
        String variable = PREFIX + key.toUpperCase(Locale.ROOT);
        String v = env.get(variable);
        return v != null && !v.isBlank() ? variable : home.resolve("config") + " (" + key + ")";
    }

    /**
     * @return the environment for the meter, the store and the providers, which read {@code GREENLOOP_*}
     *     variables: the environment, with config-file values filled in where it has none, and
     *     {@code GREENLOOP_HOME} set; a new mutable map
     */
    public Map<String, String> effectiveEnvironment() {
        Map<String, String> merged = new HashMap<>(env);
        for (String key : file.stringPropertyNames()) {
            merged.putIfAbsent(PREFIX + key.toUpperCase(Locale.ROOT), file.getProperty(key).trim());
        }
        merged.put("GREENLOOP_HOME", home.toString());
        return merged;
    }

    private static String key(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("'%s' is not a setting; the settings are %s".formatted(name, KEYS));
        }
        return key;
    }
}
