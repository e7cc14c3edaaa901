// Measures a block of JVM work with Greenloop.track and stores it as a run.
//
// Build once (./greenloop --version), then run from the repository root with the JDK the launcher finds:
//   . scripts/jdk.sh; "$(find_java)" --enable-native-access=ALL-UNNAMED -cp 'cli/target/greenloop-cli.jar:cli/target/lib/*' examples/TrackEmbedding.java
//   ./greenloop runs list
// The build compiles and runs it (LightClassPathIT); see examples/README.md.
import dev.greenloop.core.Units;
import dev.greenloop.meter.Greenloop;
import dev.greenloop.meter.Tracking;

public class TrackEmbedding {

    public static void main(String[] args) {
        Tracking t;
        try (Tracking tracking = Greenloop.track("example-embed").tag("model", "toy")) {
            t = tracking;
            float[] vector = new float[384];
            // A stand-in for an embedding batch: 200 ms of dot products.
            long end = System.nanoTime() + 200_000_000L;
            double sum = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) Math.sin(i + sum);
                    sum += vector[i] * vector[(i * 7) % vector.length];
                }
            }
            System.out.println("checksum " + (long) sum);
        }
        var m = t.measurement();
        System.out.printf("node %s (%s), this JVM %s%n", Units.formatEnergy(m.total()), m.provenance().label(),
                Units.formatEnergy(m.processEnergy()));
        t.recorded().ifPresent(r -> System.out.printf("stored as run %d: %s CO2eq in %s%n", r.runId(),
                Units.formatEmissions(dev.greenloop.core.Emissions.ofGrams(r.processGrams())), r.zone()));
    }
}
