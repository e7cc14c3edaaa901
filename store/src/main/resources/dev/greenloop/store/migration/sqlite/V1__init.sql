-- Greenloop store, schema version 1, SQLite dialect.
-- Keep in step with ../postgresql/V1__init.sql: the two differ only in identity columns and REAL.
-- Times are UTC epoch milliseconds; energy in joules, power in watts, intensity in gCO2eq/kWh.
-- A NULL in a REAL column that the code reads as a double stands for NaN (SQLite cannot hold NaN).

CREATE TABLE node (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    zone        TEXT    NOT NULL,
    hardware    TEXT    NOT NULL,
    pue         REAL,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE run (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    node_id         BIGINT  NOT NULL REFERENCES node (id),
    name            TEXT    NOT NULL,
    started_at      BIGINT  NOT NULL,
    ended_at        BIGINT,
    status          TEXT    NOT NULL CHECK (status IN ('running', 'finished')),
    exit_code       INTEGER,
    total_joules    REAL,
    process_joules  REAL,
    carbon_zone     TEXT,
    grams_per_kwh   REAL,
    carbon_signal   TEXT,
    carbon_source   TEXT,
    carbon_pue      REAL,
    grams           REAL,
    process_grams   REAL
);

CREATE INDEX run_started_at ON run (started_at);

CREATE TABLE run_arg (
    run_id    BIGINT  NOT NULL REFERENCES run (id),
    position  INTEGER NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (run_id, position)
);

CREATE TABLE run_tag (
    run_id    BIGINT  NOT NULL REFERENCES run (id),
    position  INTEGER NOT NULL,
    tag_key   TEXT    NOT NULL,
    tag_value TEXT    NOT NULL,
    PRIMARY KEY (run_id, position),
    UNIQUE (run_id, tag_key)
);

CREATE TABLE run_component (
    run_id          BIGINT  NOT NULL REFERENCES run (id),
    position        INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    scope           TEXT    NOT NULL,
    provenance      TEXT    NOT NULL CHECK (provenance IN ('measured', 'derived', 'modelled')),
    description     TEXT    NOT NULL,
    part_of         TEXT    NOT NULL,
    joules          REAL    NOT NULL,
    min_joules      REAL    NOT NULL,
    max_joules      REAL    NOT NULL,
    process_joules  REAL    NOT NULL,
    PRIMARY KEY (run_id, position)
);

CREATE TABLE sample (
    id                 INTEGER PRIMARY KEY,
    node_id            BIGINT  NOT NULL REFERENCES node (id),
    run_id             BIGINT  REFERENCES run (id),
    component          TEXT    NOT NULL,
    time               BIGINT  NOT NULL,
    power_watts        REAL,
    cumulative_joules  REAL,
    provenance         TEXT    NOT NULL CHECK (provenance IN ('measured', 'derived', 'modelled'))
);

CREATE INDEX sample_run_time ON sample (run_id, time);
CREATE INDEX sample_node_time ON sample (node_id, time);
