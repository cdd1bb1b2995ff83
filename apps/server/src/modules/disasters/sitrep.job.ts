import { scopeOf } from '../../platform/access/actor';
import { runAs } from '../../platform/access/unit-of-work';
import type { JobKind } from '../../platform/jobs/jobs';
import { SITREP_DAILY_JOB, generateSitrep } from './sitrep.service';
import * as store from './sitrep.store';

/**
 * The daily sitrep run: one sitrep per open incident led inside the actor's scope, each
 * in its own transaction, at most one per incident and local day (a rerun or a resumed
 * run skips those done). The checkpoint is the last incident id handled.
 */
export const sitrepDailyJob: JobKind<{ date: string }, { generated: number; skipped: number }> = {
  name: SITREP_DAILY_JOB,
  retryLimit: 2,
  async run(job) {
    const cp = (job.checkpoint as { after: string | null; generated: number; skipped: number } | null) ?? { after: null, generated: 0, skipped: 0 };
    let { after, generated, skipped } = cp;
    for (;;) {
      const ids = await runAs(job.services, job.actor, null, (ctx) => store.openIncidentsLedIn(ctx.db, scopeOf(ctx.actor, 'incident.manage'), after, 50));
      if (!ids.length) break;
      for (const id of ids) {
        const made = await runAs(job.services, job.actor, null, (ctx) => generateSitrep(ctx, id, 'daily', job.params.date));
        if (made) generated++;
        else skipped++;
        after = id;
        await job.progress(generated + skipped, null, { after, generated, skipped });
      }
    }
    return { generated, skipped };
  },
};
