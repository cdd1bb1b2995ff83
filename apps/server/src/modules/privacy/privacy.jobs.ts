import { SYSTEM } from '../../platform/access/actor';
import { runAs } from '../../platform/access/unit-of-work';
import type { JobKind, JobRunner } from '../../platform/jobs/jobs';
import { RETENTION_RECORD_TYPES } from '@pilar/domain/contracts';
import { sweepDeadlines } from './deadlines.service';
import { runRetention } from './retention.service';

/**
 * Job kinds of the privacy module (ARCHITECTURE.md decision 9). Both are idempotent:
 * an escalation is recorded once per item and level; retention acts only on what is
 * still due. Meant to run daily (retention) and every few minutes (deadlines).
 */
export const retentionJob: JobKind<{ recordTypes?: string[]; dryRun?: boolean }, unknown> = {
  name: 'privacy.retention',
  retryLimit: 2,
  async run(job) {
    await job.progress(0, 1);
    const result = await runAs(job.services, job.actor ?? SYSTEM, null, (ctx) =>
      runRetention(ctx, { recordTypes: job.params.recordTypes ?? RETENTION_RECORD_TYPES, dryRun: job.params.dryRun ?? false }),
    );
    // The anonymisation committed: now the erased files' bytes leave the disk.
    await job.services.files.purgeErased(job.services.db);
    await job.progress(1, 1);
    return result;
  },
};

export const deadlineJob: JobKind<Record<string, never>, unknown> = {
  name: 'privacy.deadlines',
  retryLimit: 2,
  async run(job) {
    const raised = await runAs(job.services, job.actor ?? SYSTEM, null, (ctx) => sweepDeadlines(ctx));
    // Safety net: bytes of erased files that a crash left between commit and purge.
    await job.services.files.purgeErased(job.services.db);
    return raised;
  },
};

/** Registers both kinds (one line in modules/jobs.ts). */
export function registerPrivacyJobs(runner: JobRunner): JobRunner {
  return runner.register(retentionJob as JobKind<unknown, unknown>).register(deadlineJob as JobKind<unknown, unknown>);
}
