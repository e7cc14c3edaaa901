-- Greenloop store, schema version 4, sqlite dialect: lab profiles.
-- Keep in step with ../postgresql/V4__profiles.sql: the two differ only in REAL and identity columns.
-- A profile_result is one 'lab profile' or 'lab sweep' command; each profile row is one model variant at
-- one set of runner settings in it, its fp32 reference marked. Energy labels and quality are relative
-- to that reference. input is the SHA-256 of the texts as the command read them (one per line, UTF-8),
-- so that results on the same texts can be compared.
-- Times are UTC epoch milliseconds; energy in joules, time in seconds or milliseconds as named.

CREATE TABLE profile_result (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    measured_at  BIGINT  NOT NULL,
    command      TEXT    NOT NULL
);

CREATE TABLE profile (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id                 BIGINT  NOT NULL REFERENCES profile_result (id),
    position                  INTEGER NOT NULL CHECK (position >= 0),
    measured_at               BIGINT  NOT NULL,
    node                      TEXT    NOT NULL,
    model                     TEXT    NOT NULL,
    variant                   TEXT    NOT NULL,
    settings                  TEXT    NOT NULL,
    intra_op_threads          INTEGER NOT NULL,
    inter_op_threads          INTEGER NOT NULL,
    workers                   INTEGER NOT NULL,
    batch_size                INTEGER NOT NULL,
    spinning                  INTEGER NOT NULL CHECK (spinning IN (0, 1)),
    optimization              TEXT    NOT NULL,
    texts                     INTEGER NOT NULL CHECK (texts >= 1),
    labelled                  INTEGER NOT NULL CHECK (labelled IN (0, 1)),
    input                     TEXT    NOT NULL,
    reference                 INTEGER NOT NULL CHECK (reference IN (0, 1)),
    label                     TEXT    NOT NULL,
    rounds                    INTEGER NOT NULL,
    cpu_seconds_per_query     REAL NOT NULL,
    joules_per_query          REAL NOT NULL,
    provenance                TEXT    NOT NULL,
    latency_ms_p50            REAL,
    latency_ms_p95            REAL,
    latency_texts             INTEGER NOT NULL,
    throughput_per_second     REAL NOT NULL,
    passes_per_round          INTEGER NOT NULL,
    flops_per_query           REAL NOT NULL,
    mean_tokens               REAL NOT NULL,
    truncated                 INTEGER NOT NULL,
    size_bytes                BIGINT  NOT NULL,
    peak_rss_bytes            BIGINT,
    mean_cosine               REAL,
    min_cosine                REAL,
    top10_overlap             REAL,
    overlap_neighbours        INTEGER NOT NULL,
    knn_accuracy              REAL,
    knn_neighbours            INTEGER NOT NULL,
    energy_label              TEXT    NOT NULL,
    UNIQUE (result_id, position)
);

CREATE INDEX profile_model_measured ON profile (model, measured_at);
CREATE INDEX profile_measured ON profile (measured_at);
