package dev.greenloop.lab;

import java.util.List;

/** A known model whose artifact is not in the local Maven repository; {@link #fetchCommand()} gets it. */
public final class ModelNotFoundException extends LabException {

    private static final long serialVersionUID = 1L;

    private final transient ModelCatalog.Artifact artifact;

    ModelNotFoundException(ModelCatalog.Artifact artifact, String where) {
        super("model %s is not in the local Maven repository (%s); fetch it with: %s"
                .formatted(artifact.coordinates(), where, String.join(" ", artifact.fetchCommand("mvn"))));
        this.artifact = artifact;
    }

    /** The missing artifact. */
    public ModelCatalog.Artifact artifact() {
        return artifact;
    }

    /** The Maven command line that fetches it, with {@code mvn} as the program. */
    public List<String> fetchCommand() {
        return artifact.fetchCommand("mvn");
    }
}
