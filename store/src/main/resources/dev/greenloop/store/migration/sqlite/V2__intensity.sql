-- Greenloop store, schema version 2, SQLite dialect: the carbon-intensity archive.
-- Keep in step with ../postgresql/V2__intensity.sql: the two differ only in REAL.
-- One row is one intensity value as a provider issued it: an actual, or one point of a forecast
-- issued at issued_at, so that forecasts can be backtested against the actuals that followed.
-- Times are UTC epoch milliseconds; intensity in gCO2eq/kWh; signal is kind-basis, such as average-lifecycle.

CREATE TABLE intensity_point (
    zone              TEXT    NOT NULL,
    source            TEXT    NOT NULL,
    signal            TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('actual', 'forecast')),
    issued_at         BIGINT  NOT NULL,
    start_at          BIGINT  NOT NULL,
    duration_millis   BIGINT  NOT NULL CHECK (duration_millis > 0),
    grams_per_kwh     REAL NOT NULL CHECK (grams_per_kwh >= 0),
    PRIMARY KEY (zone, source, signal, kind, issued_at, start_at)
);

CREATE INDEX intensity_point_zone_kind_issued ON intensity_point (zone, kind, issued_at, start_at);
CREATE INDEX intensity_point_zone_kind_start ON intensity_point (zone, kind, start_at);
