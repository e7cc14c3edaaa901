-- Greenloop store, schema version 11, sqlite dialect: the traffic each served model variant answered.
-- Keep in step with ../postgresql/V11__served_traffic.sql: the two differ only in REAL and identity columns.
-- served_traffic: one row per node, model and variant for a stretch of serving ('greenloop serve', 'greenloop server
-- --model'), written when the stretch ends (every few minutes and when serving stops): how many queries (texts) and
-- requests the variant answered in [period_start, period_end), the energy charged to them (joules, with its provenance)
-- and their carbon where the serving zone's intensity was known (grams_known = 1; grams counts only those requests).
-- Times are UTC epoch milliseconds; energy in joules, carbon in grams of CO2eq.

CREATE TABLE served_traffic (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    node            TEXT    NOT NULL,
    model           TEXT    NOT NULL,
    variant         TEXT    NOT NULL,
    period_start    BIGINT  NOT NULL,
    period_end      BIGINT  NOT NULL,
    queries         BIGINT  NOT NULL CHECK (queries >= 0),
    requests        BIGINT  NOT NULL CHECK (requests >= 0),
    joules          REAL NOT NULL,
    provenance      TEXT    NOT NULL,
    grams           REAL NOT NULL,
    grams_queries   BIGINT  NOT NULL CHECK (grams_queries >= 0)
);

CREATE INDEX served_traffic_start ON served_traffic (period_start);
