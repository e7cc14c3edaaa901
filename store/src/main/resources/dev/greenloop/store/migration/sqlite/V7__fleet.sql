-- Greenloop store, schema version 7, sqlite dialect: the fleet (samples that agents push, running totals, a
-- per-minute rollup) and the server's API tokens.
-- Keep in step with ../postgresql/V7__fleet.sql: the two differ only in REAL and identity columns.
-- node.fleet_at: when an agent first pushed samples for the node (NULL for a node only 'measure' runs name).
-- fleet_sample: one row is one interval of one component as an agent pushed it; sample_id is the agent's id, unique
-- per node, so that a replay is skipped. start_ms/end_ms are the interval in epoch milliseconds (end_ms - start_ms is
-- seconds rounded to the millisecond, at least 1), seconds as given.
-- fleet_total: one row per component of a node: its energy over every stored sample, its carbon before PUE (joules x
-- the zone's built-in intensity at ingest), and its latest sample (end, power, provenance, scope); max_ms is its
-- longest sample, which bounds how far back a sample that overlaps a time can end.
-- fleet_minute: one row per component of a node and UTC minute (minute_ms a multiple of 60000): the energy of its
-- samples in that minute, split by overlap, the milliseconds they cover, and their least certain provenance
-- (0 measured, 1 derived, 2 modelled).
-- The hot tables have no foreign keys: nodes are never deleted, and ingest writes the node first in its transaction.
-- api_token: hash is the lower-case hex SHA-256 of the token; the token itself is never stored.
-- Times are UTC epoch milliseconds; energy in joules, power in watts, carbon in grams of CO2eq.

ALTER TABLE node ADD COLUMN fleet_at BIGINT;

CREATE TABLE fleet_sample (
    node_id     BIGINT  NOT NULL,
    sample_id   TEXT    NOT NULL,
    component   TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    provenance  TEXT    NOT NULL CHECK (provenance IN ('measured', 'derived', 'modelled')),
    start_ms    BIGINT  NOT NULL,
    end_ms      BIGINT  NOT NULL CHECK (end_ms > start_ms),
    seconds     REAL NOT NULL,
    joules      REAL NOT NULL,
    watts       REAL NOT NULL,
    PRIMARY KEY (node_id, sample_id)
);

CREATE INDEX fleet_sample_node_end ON fleet_sample (node_id, end_ms);

CREATE TABLE fleet_total (
    node_id     BIGINT  NOT NULL REFERENCES node (id),
    component   TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    provenance  TEXT    NOT NULL CHECK (provenance IN ('measured', 'derived', 'modelled')),
    joules      REAL NOT NULL,
    grams       REAL NOT NULL,
    watts       REAL NOT NULL,
    last_ms     BIGINT  NOT NULL,
    max_ms      BIGINT  NOT NULL,
    PRIMARY KEY (node_id, component)
);

CREATE TABLE fleet_minute (
    node_id     BIGINT  NOT NULL,
    component   TEXT    NOT NULL,
    minute_ms   BIGINT  NOT NULL,
    joules      REAL NOT NULL,
    covered_ms  BIGINT  NOT NULL,
    provenance  INTEGER NOT NULL CHECK (provenance IN (0, 1, 2)),
    PRIMARY KEY (node_id, component, minute_ms)
);

CREATE TABLE api_token (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    role        TEXT    NOT NULL CHECK (role IN ('viewer', 'agent', 'admin')),
    hash        TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL,
    revoked_at  BIGINT
);
