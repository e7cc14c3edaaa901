package dev.greenloop.store;

/**
 * What one ingest stored.
 *
 * @param stored samples newly stored
 * @param duplicates samples skipped because their id was already stored for that node
 */
public record IngestResult(int stored, int duplicates) {
}
