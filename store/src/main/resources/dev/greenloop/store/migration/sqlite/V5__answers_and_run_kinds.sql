-- Greenloop store, schema version 5, sqlite dialect: the live providers' shared answer cache, and run kinds.
-- Keep in step with ../postgresql/V5__answers_and_run_kinds.sql: the two are the same.
-- provider_answer: one row is the newest answer a live provider fetched for one request (cache_key names the
-- provider, its base URL, its basis where it has several, the kind of request and its arguments), with the
-- time it was fetched, so that another command reuses it while it is younger than that command's refresh.
-- body is the answer's points as the provider encoded them (JSON); it never holds a credential.
-- run_kind: a run that is not a measured command or block, such as a 'monitor' session of the node; a run
-- without a row here is a 'measure' run.
-- Times are UTC epoch milliseconds.

CREATE TABLE provider_answer (
    cache_key   TEXT    PRIMARY KEY,
    fetched_at  BIGINT  NOT NULL,
    body        TEXT    NOT NULL
);

CREATE TABLE run_kind (
    run_id  BIGINT  PRIMARY KEY REFERENCES run (id),
    kind    TEXT    NOT NULL CHECK (kind IN ('monitor'))
);
