package dev.greenloop.store;

/**
 * A profile as the store holds it. Immutable.
 *
 * @param id the store's identifier for the row, from 1
 * @param resultId the identifier of the command's result the row belongs to, from 1; shared by its rows
 * @param profile what was measured
 */
public record StoredProfile(long id, long resultId, NewProfile profile) {
}
