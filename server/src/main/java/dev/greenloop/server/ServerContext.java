package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import java.time.Clock;

/**
 * What handlers share: the application layer's services and the options. Holds no fleet state of its own (several
 * servers on one database answer alike).
 */
record ServerContext(Fleet fleet, ServerOptions options, Clock clock) {
}
