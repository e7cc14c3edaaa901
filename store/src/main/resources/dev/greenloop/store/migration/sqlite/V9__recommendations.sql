-- Greenloop store, schema version 9, sqlite dialect: recommendations, the actions taken on them, automation rules,
-- and the variant chosen to serve per model.
-- Keep in step with ../postgresql/V9__recommendations.sql: the two differ only in REAL and identity columns.
-- recommendation: one row per recommendation; id is stable for its kind and target (regenerating updates the
-- estimate and evidence, and keeps the status). kwh_* and grams_* are the estimated saving's range over 'basis'.
-- change_spec is the machine-readable change ('cap|component|constraint|watts', 'variant|model|from|to',
-- 'reschedule|job|fromEpochMs|toEpochMs', or 'manual'); previous is what apply replaced, for rollback.
-- verified_* is the realised saving over the after-window, once verified; verification says how it was measured.
-- recommendation_action: every step taken (accept, dismiss, apply, verify, rollback), dry runs included: who,
-- what, when, result.
-- automation_rule: one row per kind that is automated; acts = 0 is a dry run (record what would change); bound_percent is the largest fall of throughput (or
-- quality) tolerated before rollback; signal names the throughput signal; window_minutes the verify windows.
-- served_variant: the variant the serving endpoint is to serve per model.
-- Times are UTC epoch milliseconds; energy in kWh, carbon in grams of CO2eq.

CREATE TABLE recommendation (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL,
    target          TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    kwh_min         REAL NOT NULL,
    kwh_mid         REAL NOT NULL,
    kwh_max         REAL NOT NULL,
    grams_min       REAL NOT NULL,
    grams_mid       REAL NOT NULL,
    grams_max       REAL NOT NULL,
    basis           TEXT    NOT NULL,
    evidence        TEXT    NOT NULL,
    how_to          TEXT    NOT NULL,
    change_spec     TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('open', 'accepted', 'dismissed', 'applied', 'verified', 'rolled_back')),
    applied_at      BIGINT,
    previous        TEXT,
    verified_kwh    REAL,
    verified_grams  REAL,
    verification    TEXT
);

CREATE TABLE recommendation_action (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id   TEXT    NOT NULL REFERENCES recommendation (id),
    at                  BIGINT  NOT NULL,
    who                 TEXT    NOT NULL,
    action              TEXT    NOT NULL,
    dry_run             INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
    detail              TEXT    NOT NULL,
    result              TEXT    NOT NULL
);

CREATE INDEX recommendation_action_rec ON recommendation_action (recommendation_id, id);

CREATE TABLE automation_rule (
    kind            TEXT    PRIMARY KEY,
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    acts            INTEGER NOT NULL CHECK (acts IN (0, 1)),
    bound_percent   REAL NOT NULL,
    signal          TEXT    NOT NULL,
    window_minutes  INTEGER NOT NULL,
    updated_at      BIGINT  NOT NULL,
    who             TEXT    NOT NULL
);

CREATE TABLE served_variant (
    model       TEXT    PRIMARY KEY,
    variant     TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    who         TEXT    NOT NULL
);
