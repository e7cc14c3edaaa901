package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.app.NodeFacts;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.LabConfig;
import dev.greenloop.lab.UnsupportedVariantException;
import dev.greenloop.store.StoreConfig;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lab's service as the CLI configures it: files under {@code $GREENLOOP_HOME/lab}, models read
 * from the local Maven repository ({@code GREENLOOP_MAVEN_REPO}, else as Maven finds it) and fetched
 * with this checkout's Maven wrapper (else {@code mvn} on the PATH), profiles kept in the store of
 * {@code GREENLOOP_DB}.
 */
final class LabServices {

    private LabServices() {
    }

    /** The service on {@code settings}, fetching missing models unless {@code fetch} is false ({@code --no-fetch}). */
    static LabService create(Settings settings, boolean fetch) {
        LabConfig lab = new LabConfig(settings.home(), settings.get("MAVEN_REPO").map(Path::of), maven(), fetch);
        return new LabService(lab, StoreConfig.fromEnvironment(settings.effectiveEnvironment()), NodeFacts.hostname());
    }

    /**
     * Runs a lab call, turning a variant that does not fit the model (the user's choice) into a usage error.
     *
     * @throws UsageException with the message of an {@link UnsupportedVariantException}
     */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnsupportedVariantException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The Maven program to fetch with: this checkout's wrapper, else {@code mvn} on the PATH; empty if neither. */
    static Optional<String> maven() {
        try {
            Path code = Path.of(LabServices.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/greenloop-cli.jar or cli/target/classes: the checkout is three levels up.
            Path root = code.getParent() == null ? null : code.getParent().getParent() == null ? null : code.getParent().getParent().getParent();
            if (root != null && Files.isExecutable(root.resolve("mvnw"))) {
                return Optional.of(root.resolve("mvnw").toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (an unusual class loader): fall back to the PATH.
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
                return Optional.of("mvn");
            }
        }
        return Optional.empty();
    }
}
