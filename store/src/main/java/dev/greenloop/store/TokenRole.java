package dev.greenloop.store;

import java.util.Locale;

/** What an API token may do: viewers read, agents only ingest, admins do everything. */
public enum TokenRole {
    VIEWER, AGENT, ADMIN;

    /** @return the name used in the CLI, JSON and the store: {@code viewer}, {@code agent} or {@code admin} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the label and the roles, if no role has it
     */
    public static TokenRole fromLabel(String label) {
        for (TokenRole r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "': give viewer, agent or admin");
    }
}
