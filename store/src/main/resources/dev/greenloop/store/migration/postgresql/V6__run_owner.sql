-- Greenloop store, schema version 5, postgresql dialect: who measures a run, so that a run whose measuring process died is
-- found and shown as interrupted rather than running forever.
-- Keep in step with ../sqlite/V5__run_owner.sql (the same statements).
-- owner_*: the process that started the run (pid, host name, process start as UTC epoch milliseconds);
-- command_pid: the measured command's process; interrupted_at, interruption: when and why a run was found interrupted
-- (the status stays 'finished' then, and interrupted_at tells it apart: SQLite cannot change the status CHECK in place);
-- orphan_pid: the measured command, when it was still running as the run was found interrupted.
-- While a run is running, its totals and components are those of the samples stored so far.

ALTER TABLE run ADD COLUMN owner_pid BIGINT;
ALTER TABLE run ADD COLUMN owner_host TEXT;
ALTER TABLE run ADD COLUMN owner_started_at BIGINT;
ALTER TABLE run ADD COLUMN command_pid BIGINT;
ALTER TABLE run ADD COLUMN interrupted_at BIGINT;
ALTER TABLE run ADD COLUMN interruption TEXT;
ALTER TABLE run ADD COLUMN orphan_pid BIGINT;
