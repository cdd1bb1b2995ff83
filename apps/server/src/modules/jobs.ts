import type { JobRunner } from '../platform/jobs/jobs';
import { importJob } from './imports/imports.job';
import { exportJob } from './exports/exports.job';
import { dispatchJob } from './webhooks/webhooks.dispatch';
import { registerPrivacyJobs } from './privacy/privacy.jobs';
import { sitrepDailyJob } from './disasters/sitrep.job';

/**
 * Every module's job kinds. A module with long work adds one line here
 * (e.g. `runner.register(importJob)`).
 */
export function registerJobKinds(runner: JobRunner): JobRunner {
  runner.register(importJob);
  runner.register(exportJob);
  runner.register(dispatchJob);
  registerPrivacyJobs(runner);
  runner.register(sitrepDailyJob);
  return runner;
}
