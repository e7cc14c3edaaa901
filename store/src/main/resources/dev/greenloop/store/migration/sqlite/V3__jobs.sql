-- Greenloop store, schema version 3, sqlite dialect: live scheduling.
-- Keep in step with ../postgresql/V3__jobs.sql: the two differ only in REAL and identity columns.
-- A job is a deferrable command submitted with 'greenloop schedule submit': its spec, its current plan,
-- its state and where it runs. version grows by one on every update (compare-and-set), so two runners
-- never move one job at once. job_event keeps every state transition, written in the same transaction.
-- Times are UTC epoch milliseconds; plan_segments is 'start-end;start-end' in epoch milliseconds.

CREATE TABLE job (
    id                   TEXT    PRIMARY KEY,
    name                 TEXT    NOT NULL,
    submitted_at         BIGINT  NOT NULL,
    duration_minutes     INTEGER NOT NULL CHECK (duration_minutes >= 1),
    deadline             BIGINT  NOT NULL,
    power_watts          REAL NOT NULL CHECK (power_watts >= 0),
    interruptible        INTEGER NOT NULL CHECK (interruptible IN (0, 1)),
    checkpoint_minutes   INTEGER NOT NULL CHECK (checkpoint_minutes >= 0),
    min_segment_minutes  INTEGER NOT NULL CHECK (min_segment_minutes >= 0),
    zones                TEXT    NOT NULL,
    state                TEXT    NOT NULL CHECK (state IN ('queued', 'planned', 'running', 'suspended', 'done', 'failed', 'cancelled')),
    version              BIGINT  NOT NULL,
    plan_zone            TEXT,
    plan_segments        TEXT,
    planned_grams        REAL,
    baseline_grams       REAL,
    planned_at           BIGINT,
    executor             TEXT,
    external_id          TEXT,
    attempt              INTEGER NOT NULL,
    segment_started_at   BIGINT,
    done_seconds         BIGINT  NOT NULL,
    run_id               BIGINT  REFERENCES run (id),
    exit_code            INTEGER,
    updated_at           BIGINT  NOT NULL
);

CREATE INDEX job_state ON job (state);

CREATE TABLE job_arg (
    job_id    TEXT    NOT NULL REFERENCES job (id),
    position  INTEGER NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (job_id, position)
);

CREATE TABLE job_event (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      TEXT    NOT NULL REFERENCES job (id),
    at          BIGINT  NOT NULL,
    from_state  TEXT,
    to_state    TEXT    NOT NULL,
    detail      TEXT    NOT NULL
);

CREATE INDEX job_event_job ON job_event (job_id, id);
