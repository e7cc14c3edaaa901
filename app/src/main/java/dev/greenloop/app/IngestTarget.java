package dev.greenloop.app;

import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.time.Duration;
import java.util.List;

/** Where an agent's batches go: a server over HTTP ({@link IngestClient}), or a fleet in this process (the server's own agent). */
interface IngestTarget {

    /**
     * Pushes one batch.
     *
     * @param timeout how long the whole push may take
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    IngestClient.Answer push(NodeRegistration node, List<FleetSample> samples, Duration timeout) throws InterruptedException;

    /** @return where the batches go, for status lines (never a token) */
    String describe();

    /**
     * A fleet in this process: a batch is stored by {@link Fleet#ingest} and answered as a server would (stored; refused
     * as 400 for bad samples; try later when the store cannot be written).
     */
    static IngestTarget of(Fleet fleet) {
        return new IngestTarget() {
            @Override
            public IngestClient.Answer push(NodeRegistration node, List<FleetSample> samples, Duration timeout) {
                try {
                    var result = fleet.ingest(node, samples);
                    return new IngestClient.Accepted(result.stored(), result.duplicates());
                } catch (FleetInputException e) {
                    return new IngestClient.Refused(400, e.field() + ": " + e.getMessage());
                } catch (dev.greenloop.store.StoreException e) {
                    return new IngestClient.TryLater("the store: " + e.getMessage(), java.util.Optional.empty());
                }
            }

            @Override
            public String describe() {
                return "the store " + fleet.location() + " (in this process)";
            }
        };
    }
}
