import type { JobRunner } from '../platform/jobs/jobs';
import { importJob } from './imports/imports.job';
import { exportJob } from './exports/exports.job';
import { dispatchJob } from './webhooks/webhooks.dispatch';
import { registerPrivacyJobs } from './privacy/privacy.jobs';
import { sitrepDailyJob } from './disasters/sitrep.job';

function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

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
  // Daily and frequent duties (UU PDP 3×24 h timers, retention, situation reports).
  runner.schedule('privacy.deadlines', '*/15 * * * *');
  runner.schedule('privacy.retention', '30 1 * * *');
  runner.schedule('disasters.sitrep_daily', '0 6 * * *', () => ({ date: todayInJakarta() }));
  return runner;
}
