package dev.greenloop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Configuration with Greenloop's precedence: flags override environment variables, which override
 * {@code $GREENLOOP_HOME/config} (a properties file), which overrides defaults.
 *
 * <p>The config file's keys are the environment variables' names without the {@code GREENLOOP_}
 * prefix, in lower case: {@code zone=DE}, {@code pue=1.2}, {@code db=jdbc:postgresql://...},
 * {@code interval=1s}.
 */
final class Settings {

    private final Map<String, String> env;
    private final Properties file;
    private final Path home;

    private Settings(Map<String, String> env, Properties file, Path home) {
        this.env = env;
        this.file = file;
        this.home = home;
    }

    /** Reads the environment and the config file, if any. */
    static Settings load() {
        return load(System.getenv());
    }

    static Settings load(Map<String, String> env) {
        String h = env.get("GREENLOOP_HOME");
        Path home = h == null || h.isBlank() ? Path.of(System.getProperty("user.home"), ".greenloop") : Path.of(h);
        Properties props = new Properties();
        Path config = home.resolve("config");
        try (Reader r = Files.newBufferedReader(config)) {
            props.load(r);
        } catch (NoSuchFileException e) {
            // No config file is the common case: defaults apply.
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read config file %s: %s; fix or remove it".formatted(config, e.getMessage()));
        }
        return new Settings(env, props, home);
    }

    /** @return the data directory */
    Path home() {
        return home;
    }

    /**
     * @param name the variable's name without prefix, such as {@code ZONE}
     * @return the value from the environment, else the config file; empty if neither sets it
     */
    Optional<String> get(String name) {
        String v = env.get("GREENLOOP_" + name);
        if (v != null && !v.isBlank()) {
            return Optional.of(v.trim());
        }
        String f = file.getProperty(name.toLowerCase(Locale.ROOT));
        return f == null || f.isBlank() ? Optional.empty() : Optional.of(f.trim());
    }

    /** @return where a value came from, for messages: {@code GREENLOOP_ZONE} or {@code config file} */
    String origin(String name) {
        String v = env.get("GREENLOOP_" + name);
        return v != null && !v.isBlank() ? "GREENLOOP_" + name : home.resolve("config") + " (" + name.toLowerCase(Locale.ROOT) + ")";
    }

    /** @return the environment for the meter and store, with config-file values filled in where the environment has none */
    Map<String, String> effectiveEnvironment() {
        Map<String, String> merged = new HashMap<>(env);
        for (String key : file.stringPropertyNames()) {
            merged.putIfAbsent("GREENLOOP_" + key.toUpperCase(Locale.ROOT), file.getProperty(key).trim());
        }
        merged.put("GREENLOOP_HOME", home.toString());
        return merged;
    }
}
