import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWith } from '../../../test/actors';
import { createTestApp, ManualClock, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { buildCase, buildPerson, SOLO } from '../../../test/factories.people';
import { transitionCase } from '../cases/cases.service';
import { runAs, type Ctx } from '../../platform/access/unit-of-work';
import type { Actor } from '../../platform/access/actor';
import { fulfilRequest } from './fulfil.service';
import { retentionJob } from './privacy.jobs';
import { recordIdentityCheck, registerRequest } from './requests.service';

let t: TestApp;
const clock = new ManualClock('2026-03-02T01:00:00Z');
const psm = actorWith(['psm', SOLO.village]);
const dpo = actorWith(['dinsos_kab_head', SOLO.regency]);
const JPEG = (tag: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`foto ${tag}`)]);

beforeAll(async () => {
  t = await createTestApp({}, { clock });
});
afterAll(async () => t?.close());

/** Runs as `actor` on the app's own services, so files land in the app's file store. */
const onApp = <T>(actor: Actor, fn: (ctx: Ctx) => Promise<T>) => runAs(t.app.pilar, actor, null, fn);

/** A person with a photo file attached; returns the person and the file id. */
async function personWithPhoto(name: string) {
  const p = await buildPerson(t.database, psm, { villageCode: SOLO.village, fullName: name });
  const file = await onApp(psm, (ctx) =>
    ctx.files.save(ctx, { bytes: JPEG(name), areaCode: SOLO.village, readPermission: 'person.read', purpose: 'person.photo' }),
  );
  await t.database.ownerQuery(`UPDATE person SET photo_file_id = $2 WHERE id = $1`, [p.id, file.id]);
  return { person: p, fileId: file.id };
}

async function verifiedDeletion(personId: string) {
  const r = await onApp(psm, (ctx) =>
    registerRequest(ctx, { personId, kind: 'deletion', channel: 'kantor', requester: 'subjek' }),
  );
  return onApp(dpo, (ctx) => recordIdentityCheck(ctx, r.id, { version: r.version, method: 'tatap_muka', document: 'ktp' }));
}

describe('erasure removes the file bytes, after commit only', () => {
  it('a fulfilled deletion request removes the person’s file bytes and leaves other persons’ files', async () => {
    const erased = await personWithPhoto('Wagiman Hapus');
    const other = await personWithPhoto('Sumini Tetap');
    const files = t.app.pilar.files;
    expect(await files.hasBytes(erased.fileId)).toBe(true);

    const req = await verifiedDeletion(erased.person.id);
    const dpoUser = await buildUser(t.database, { grants: [{ role: 'dinsos_kab_head', areaCode: SOLO.regency }] });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/privacy/requests/${req.id}/fulfil`,
      headers: (await signIn(t.app, dpoUser)).headers,
      payload: { version: req.version, summary: 'Data identitas Anda telah dihapus.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().retentionNote.filesDeleted).toBe(1);

    expect(await files.hasBytes(erased.fileId)).toBe(false);
    expect(await files.hasBytes(other.fileId)).toBe(true);
    const rows = await t.database.ownerQuery(`SELECT id FROM stored_file WHERE id = ANY($1::uuid[])`, [
      [erased.fileId, other.fileId],
    ]);
    expect(rows.rows.map((r) => r.id)).toEqual([other.fileId]);
    expect((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM file_erasure`)).rows[0].n).toBe(0);
    // The other person's file is still served.
    const psmUser = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: SOLO.village }] });
    const served = await t.app.inject({
      method: 'GET',
      url: `/api/v1/files/${other.fileId}`,
      headers: (await signIn(t.app, psmUser)).headers,
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.toString()).toContain('Sumini Tetap');
  });

  it('a rolled-back erasure keeps the files, and a purge afterwards does not touch them', async () => {
    const kept = await personWithPhoto('Darmi Batal');
    const req = await verifiedDeletion(kept.person.id);
    const failed = onApp(dpo, async (ctx) => {
      await fulfilRequest(ctx, req.id, { version: req.version, summary: 'Dihapus.' });
      throw new Error('later step failed');
    });
    await expect(failed).rejects.toThrow('later step failed');

    expect(await t.app.pilar.files.purgeErased(t.app.pilar.db)).toBe(0);
    expect(await t.app.pilar.files.hasBytes(kept.fileId)).toBe(true);
    const row = await t.database.ownerQuery(
      `SELECT p.photo_file_id, p.full_name, (SELECT count(*)::int FROM stored_file f WHERE f.id = $2) AS n FROM person p WHERE p.id = $1`,
      [kept.person.id, kept.fileId],
    );
    expect(row.rows[0]).toEqual({ photo_file_id: kept.fileId, full_name: 'Darmi Batal', n: 1 });
  });

  it('retention anonymisation removes the bytes too, once its transaction committed', async () => {
    const old = await personWithPhoto('Lama Berfoto');
    const c = await buildCase(t.database, psm, old.person.id);
    await onApp(psm, (ctx) =>
      transitionCase(ctx, c.id, { action: 'close', version: c.version, closureReason: 'tujuan_tercapai' }),
    );
    const recent = await personWithPhoto('Baru Berfoto');
    clock.advance(1827 * 86_400_000);

    const job = {
      runId: '00000000-0000-7000-8000-000000000000',
      params: { recordTypes: ['closed_case'] },
      actor: dpo,
      checkpoint: null,
      services: t.app.pilar,
      progress: async () => {},
    };
    const report = (await retentionJob.run(job)) as { rules: { applied: number }[] };
    expect(report.rules[0]!.applied).toBe(1);
    expect(await t.app.pilar.files.hasBytes(old.fileId)).toBe(false);
    expect(await t.app.pilar.files.hasBytes(recent.fileId)).toBe(true);
  });
});
