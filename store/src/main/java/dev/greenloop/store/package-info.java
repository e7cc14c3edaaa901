/**
 * Where Greenloop keeps runs, their components and their samples: an SQLite file by default, or any
 * PostgreSQL for a fleet. Open a {@link dev.greenloop.store.Store} with
 * {@link dev.greenloop.store.Stores#open(StoreConfig)}; the schema is migrated on open by versioned
 * SQL scripts in {@code dev/greenloop/store/migration/<dialect>/}.
 */
package dev.greenloop.store;
