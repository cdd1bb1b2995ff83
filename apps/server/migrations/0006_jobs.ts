import type pg from 'pg';
import PgBoss from 'pg-boss';

/**
 * The job queue (ARCHITECTURE.md decision 9): pg-boss's own schema, created
 * here so every database (and every test template) has it, plus `job_run`, the
 * user-visible record of a long task (progress, checkpoint for resuming,
 * cancellation, result).
 */
export async function up(client: pg.ClientBase): Promise<void> {
  // The plan wraps itself in BEGIN/COMMIT; run it inside this migration's transaction instead.
  const plan = PgBoss.getConstructionPlans('pgboss').replace(/^\s*BEGIN;\s*$/m, '').replace(/^\s*COMMIT;\s*$/m, '');
  await client.query(plan);
  await client.query(`
    GRANT USAGE ON SCHEMA pgboss TO pilar_app;
    GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO pilar_app;

    CREATE TABLE job_run (
      id             uuid PRIMARY KEY,
      kind           text NOT NULL,
      status         text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      cancel_requested boolean NOT NULL DEFAULT false,
      params         jsonb NOT NULL DEFAULT '{}',
      purpose        text,
      area_code      text,
      progress_done  bigint NOT NULL DEFAULT 0,
      progress_total bigint,
      checkpoint     jsonb,
      result         jsonb,
      error          jsonb,
      attempts       integer NOT NULL DEFAULT 0,
      lease_owner    text,
      lease_until    timestamptz,
      created_by     uuid,
      created_at     timestamptz NOT NULL,
      started_at     timestamptz,
      finished_at    timestamptz,
      updated_at     timestamptz NOT NULL
    );
    CREATE INDEX job_run_creator_idx ON job_run (created_by, created_at DESC);
    CREATE INDEX job_run_open_idx ON job_run (status) WHERE status IN ('queued', 'running');
  `);
}
