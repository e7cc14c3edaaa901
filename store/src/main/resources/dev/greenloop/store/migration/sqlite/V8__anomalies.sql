-- Greenloop store, schema version 8, sqlite dialect: anomalies that the server's online detection found.
-- Keep in step with ../postgresql/V8__anomalies.sql: the two differ only in REAL columns.
-- anomaly: one row is one anomaly of one series, from its first anomalous point to its last. id is derived from the
-- node, the series and the start, so that two server replicas that see the same anomaly write the same row (an
-- upsert, never a second row). series names what was watched (such as cpu-package-0 power, or energy per job
-- 'train'); component and scope are the fleet component's ('' for energy-per-work series). kind is spike,
-- level_shift, drift or idle_waste. is_open is 1 while the series has not returned to normal. evidence is a JSON
-- object (baseline and observed values, unit, window). updated_ms is when a replica last wrote the row.
-- Times are UTC epoch milliseconds.

CREATE TABLE anomaly (
    id          TEXT    NOT NULL PRIMARY KEY,
    node        TEXT    NOT NULL,
    series      TEXT    NOT NULL,
    component   TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('spike', 'level_shift', 'drift', 'idle_waste')),
    start_ms    BIGINT  NOT NULL,
    end_ms      BIGINT  NOT NULL CHECK (end_ms >= start_ms),
    is_open     INTEGER NOT NULL CHECK (is_open IN (0, 1)),
    score       REAL NOT NULL,
    evidence    TEXT    NOT NULL,
    updated_ms  BIGINT  NOT NULL
);

CREATE INDEX anomaly_node_start ON anomaly (node, start_ms);

CREATE INDEX anomaly_start ON anomaly (start_ms);
