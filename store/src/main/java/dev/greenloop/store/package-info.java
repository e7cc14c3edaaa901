/**
 * Where Greenloop keeps what it measures and plans: an SQLite file under {@code $GREENLOOP_HOME} by default, or
 * any PostgreSQL for a fleet ({@code GREENLOOP_DB}). {@link dev.greenloop.store.Stores} is the front door; each
 * of its methods opens one repository behind an interface:
 * <ul>
 *   <li>{@link dev.greenloop.store.Store} ({@code Stores.open}): runs, their components and samples;</li>
 *   <li>{@link dev.greenloop.store.IntensityArchive} ({@code Stores.openArchive}): carbon-intensity points
 *       fetched from live providers, actuals and forecasts with their issue times;</li>
 *   <li>{@link dev.greenloop.store.JobStore} ({@code Stores.openJobs}): deferrable jobs, their plans and
 *       state transitions;</li>
 *   <li>{@link dev.greenloop.store.ProfileStore} ({@code Stores.openProfiles}): the lab's profile results.</li>
 * </ul>
 * The schema is migrated on open by versioned SQL scripts, checksummed, in
 * {@code dev/greenloop/store/migration/<dialect>/} (one set for SQLite, one for PostgreSQL). Every write is
 * committed before the method returns; failures are {@link dev.greenloop.store.StoreException}s naming the
 * store.
 */
package dev.greenloop.store;
