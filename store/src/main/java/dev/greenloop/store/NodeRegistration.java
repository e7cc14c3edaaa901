package dev.greenloop.store;

import java.util.Objects;

/**
 * What a fleet node says about itself when it pushes samples: its name, grid zone, site PUE and hardware summary.
 * The last one written for a name is kept.
 */
public record NodeRegistration(String name, String zone, double pue, String hardware) {

    public NodeRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hardware, "hardware");
    }
}
