/**
 * Live scheduling: deferrable commands queued with {@code greenloop schedule submit} and run at their
 * planned times by {@link dev.greenloop.schedule.live.LiveScheduler}, through an
 * {@link dev.greenloop.schedule.live.Executor} ({@link dev.greenloop.schedule.live.LocalExecutor} or
 * {@link dev.greenloop.schedule.live.SlurmExecutor}). Jobs persist behind
 * {@link dev.greenloop.schedule.live.JobQueue}; the CLI backs it with the store. docs/schedule-live.md
 * describes the states, the re-planning rule and what happens after a crash.
 */
package dev.greenloop.schedule.live;
