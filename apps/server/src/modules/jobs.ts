import type { JobRunner } from '../platform/jobs/jobs';

/**
 * Every module's job kinds. A module with long work adds one line here
 * (e.g. `runner.register(importJob)`).
 */
export function registerJobKinds(runner: JobRunner): JobRunner {
  return runner;
}
