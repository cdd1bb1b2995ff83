import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn, type BuiltUser } from '../../../test/factories';
import { JobRunner } from '../../platform/jobs/jobs';
import { sitrepDailyJob } from './sitrep.job';

/**
 * The daily sitrep (issue 9 §6) runs as a job: one per open incident led in the
 * caller's scope and local day; a second run the same day adds nothing; closed
 * incidents and those led elsewhere are left alone.
 */
let t: TestApp;
let dinsos: Record<string, string>;
let dinsosUser: BuiltUser;
const clock = new ManualClock('2026-03-02T10:00:00Z');

const call = async (method: 'GET' | 'POST', url: string, payload?: object, headers = dinsos) => {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
};

async function finished(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const r = await call('GET', `/jobs/${jobId}`);
    if (['succeeded', 'failed', 'cancelled'].includes(r.body.status)) return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('job did not finish');
}

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  dinsosUser = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
  dinsos = (await signIn(t.app, dinsosUser)).headers;
  const runner = new JobRunner(t.app.pilar, {
    ownerUrl: t.database.ownerUrl,
    resolveActor: async (id) => ({ kind: 'user', userId: id, username: dinsosUser.username, grants: dinsosUser.grants }),
    leaseMs: 2000,
    sweepMs: 300,
  }).register(sitrepDailyJob);
  t.app.pilar.jobs = runner;
  await runner.start();
});
afterAll(async () => {
  await t?.app.pilar.jobs.stop();
  await t?.close();
});

describe('daily sitrep job', () => {
  it('makes one sitrep per open incident and day, skipping reruns and closed incidents', async () => {
    const mk = async (title: string, villages: string[], headers = dinsos) =>
      (await call('POST', '/incidents', { kind: 'bencana_alam', hazard: 'banjir', title, startedAt: '2026-03-01T10:00:00+07:00', villageCodes: villages }, headers)).body;
    const a = await mk('Banjir A', ['33.72.01.1001']);
    const b = await mk('Banjir B', ['33.72.01.1002']);
    const closed = await mk('Banjir C', ['33.72.01.1003']);
    const r = await call('POST', `/incidents/${closed.id}/status`, { version: 1, status: 'recovery' });
    await call('POST', `/incidents/${closed.id}/status`, { version: r.body.version, status: 'closed' });
    const far = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.11' }] }))).headers;
    const other = await mk('Banjir Sukoharjo', ['33.11.01.2001'], far);

    const first = await call('POST', '/sitreps/daily', { date: '2026-03-02' });
    expect(first.status).toBe(202);
    expect(await finished(first.body.jobId)).toMatchObject({ status: 'succeeded', result: { generated: 2, skipped: 0 } });
    const again = await call('POST', '/sitreps/daily', { date: '2026-03-02' });
    expect(await finished(again.body.jobId)).toMatchObject({ status: 'succeeded', result: { generated: 0, skipped: 2 } });

    const rows = await t.database.ownerQuery(`SELECT incident_id, trigger, report_date::text AS d FROM incident_sitrep ORDER BY incident_id`);
    expect(rows.rows).toEqual(
      [a.id, b.id].sort().map((id) => ({ incident_id: id, trigger: 'daily', d: '2026-03-02' })),
    );
    expect(rows.rows.some((x) => x.incident_id === closed.id || x.incident_id === other.id)).toBe(false);
    const list = await call('GET', `/incidents/${a.id}/sitreps`);
    expect(list.body.items).toEqual([expect.objectContaining({ number: 1, trigger: 'daily', reportDate: '2026-03-02' })]);
  });

  it('refuses a malformed date, naming the field', async () => {
    const r = await call('POST', '/sitreps/daily', { date: 'besok' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('date');
  });
});
