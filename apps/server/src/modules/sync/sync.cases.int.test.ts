import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { testDataDir } from '../../../test/keys';

/** Cases, assessments, reference data and photo uploads for the offline phone (issue 6). */
const V1 = '33.72.01.1001';
const LANSIA = 8;
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'base64',
);
const ANSWERS = {
  tinggal_dengan: 'sendiri',
  ada_pengasuh: false,
  kemandirian: 'sebagian',
  sakit_kronis: true,
  makan_per_hari: 2,
  penghasilan: 'tidak_ada',
  kebutuhan: ['permakanan'],
};

let t: TestApp;
let psmA: Record<string, string>;
let psmB: Record<string, string>;
const dataDir = testDataDir();

beforeAll(async () => {
  t = await createTestApp({ PILAR_DATA_DIR: dataDir });
  psmA = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: V1 }] }))).headers;
  psmB = (await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'psm', areaCode: V1 }] }))).headers;
});
afterAll(async () => t?.close());

const push = async (headers: Record<string, string>, mutations: unknown[]) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { mutations } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as any[];
};
const pullAll = async (headers: Record<string, string>) => {
  const items: any[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    items.push(...page.items);
    cursor = page.cursor;
    if (!page.more) return { items, cursor: cursor! };
  }
};

/** A person, a case and an assessment, as a phone queues them offline. */
function offlineJourney(name: string) {
  const personId = uuidv7();
  const caseId = uuidv7();
  const assessmentId = uuidv7();
  return {
    personId,
    caseId,
    assessmentId,
    mutations: [
      {
        id: uuidv7(),
        entityType: 'person',
        entityId: personId,
        op: 'create',
        data: { villageCode: V1, fullName: name, nikMissingReason: 'belum_rekam' },
      },
      {
        id: uuidv7(),
        entityType: 'case',
        entityId: caseId,
        op: 'create',
        data: { personId, ppksCode: LANSIA, need: 'Tinggal sendiri, butuh permakanan' },
      },
      {
        id: uuidv7(),
        entityType: 'assessment',
        entityId: assessmentId,
        op: 'create',
        data: { caseId, formCode: 'lansia-terlantar', formVersion: 1, answers: ANSWERS, assessedOn: '2026-11-20' },
      },
    ],
  };
}

describe('cases and assessments through sync', () => {
  it('applies a person, a case and an assessment made offline exactly once, and pulls them back', async () => {
    const j = offlineJourney('Mbah Painem');
    const first = await push(psmA, j.mutations);
    expect(
      first.map((r) => r.status),
      JSON.stringify(first),
    ).toEqual(['applied', 'applied', 'applied']);
    expect(await push(psmA, j.mutations)).toEqual(first);
    const q = t.database.ownerQuery;
    expect(
      (await q(`SELECT count(*)::int AS n FROM ppks_case WHERE id = $1 AND person_id = $2`, [j.caseId, j.personId])).rows[0].n,
    ).toBe(1);
    const a = await q(`SELECT case_id, form_code, form_version, answers, assessed_on::text AS on FROM assessment WHERE id = $1`, [
      j.assessmentId,
    ]);
    expect(a.rows).toEqual([
      { case_id: j.caseId, form_code: 'lansia-terlantar', form_version: 1, answers: ANSWERS, on: '2026-11-20' },
    ]);

    const { items } = await pullAll(psmB);
    const c = items.find((i) => i.type === 'case' && i.id === j.caseId);
    expect(c.record.data).toMatchObject({
      personId: j.personId,
      ppksCode: LANSIA,
      need: 'Tinggal sendiri, butuh permakanan',
      villageCode: V1,
    });
    const s = items.find((i) => i.type === 'assessment' && i.id === j.assessmentId);
    expect(s.record.data).toMatchObject({
      caseId: j.caseId,
      formCode: 'lansia-terlantar',
      formVersion: 1,
      answers: ANSWERS,
      assessedOn: '2026-11-20',
    });
  });

  it('validates answers against the form version the phone rendered, not the latest', async () => {
    // Version 2 adds a required question; the phone still holds version 1.
    const v1 = (
      await t.database.ownerQuery(`SELECT schema FROM form_version WHERE form_code = 'lansia-terlantar' AND version = 1`)
    ).rows[0].schema;
    const v2 = {
      fields: [...v1.fields, { name: 'punya_kks', label: { id: 'Punya KKS', en: 'Has KKS' }, type: 'boolean', required: true }],
    };
    await t.database.ownerQuery(
      `INSERT INTO form_version (form_code, version, schema, published_at) VALUES ('lansia-terlantar', 2, $1, now())`,
      [JSON.stringify(v2)],
    );
    const j = offlineJourney('Mbah Karto');
    const results = await push(psmA, j.mutations);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(
      (await t.database.ownerQuery(`SELECT form_version FROM assessment WHERE id = $1`, [j.assessmentId])).rows[0].form_version,
    ).toBe(1);

    // Answers that break their own version are refused, naming the question.
    const bad = await push(psmA, [
      {
        id: uuidv7(),
        entityType: 'assessment',
        entityId: uuidv7(),
        op: 'create',
        data: { caseId: j.caseId, formCode: 'lansia-terlantar', formVersion: 2, answers: ANSWERS },
      },
    ]);
    expect(bad[0].status).toBe('rejected');
    expect(JSON.stringify(bad[0].error)).toContain('punya_kks');
  });

  it('never edits a recorded assessment, and turns two edits of the same case field into a conflict', async () => {
    const j = offlineJourney('Pak Rusdi');
    await push(psmA, j.mutations);
    const edit = await push(psmB, [
      { id: uuidv7(), entityType: 'assessment', entityId: j.assessmentId, op: 'update', baseVersion: 1, data: { answers: {} } },
    ]);
    expect(edit[0].status).toBe('rejected');

    const a = await push(psmA, [
      {
        id: uuidv7(),
        entityType: 'case',
        entityId: j.caseId,
        op: 'update',
        baseVersion: 1,
        data: { need: 'Butuh alat bantu jalan' },
      },
    ]);
    const b = await push(psmB, [
      {
        id: uuidv7(),
        entityType: 'case',
        entityId: j.caseId,
        op: 'update',
        baseVersion: 1,
        data: { need: 'Butuh permakanan harian' },
      },
    ]);
    expect(a[0].status).toBe('applied');
    expect(b[0].conflicts).toHaveLength(1);
    const conflicts = (await t.app.inject({ method: 'GET', url: '/api/v1/sync/conflicts', headers: psmA })).json().items;
    expect(conflicts.find((c: any) => c.entityId === j.caseId)).toMatchObject({
      entityType: 'case',
      field: 'need',
      serverValue: 'Butuh alat bantu jalan',
      clientValue: 'Butuh permakanan harian',
    });
  });
});

describe('reference data for offline work', () => {
  it("holds the user's areas with their parents, the PPKS categories and the latest form versions", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/sync/reference',
      headers: { ...psmA, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const ref = JSON.parse((await import('node:zlib')).gunzipSync(res.rawPayload).toString('utf8'));
    expect(ref.areas.map((a: any) => a.code)).toEqual(['33', '33.72', '33.72.01', V1]);
    expect(ref.ppks.find((p: any) => p.code === LANSIA)).toBeTruthy();
    expect(ref.forms.find((f: any) => f.formCode === 'lansia-terlantar')).toMatchObject({ version: 2, ppksCodes: [LANSIA] });
  });
});

describe('photo uploads under the id made on the phone', () => {
  const upload = (headers: Record<string, string>, id: string, personId: string, bytes = JPEG) => {
    const boundary = `----pilar${uuidv7()}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${id}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/sync/uploads/${id}?personId=${personId}&purpose=visit`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  };
  const filesOnDisk = async () => {
    const root = join(dataDir, 'files');
    const dirs = await readdir(root).catch(() => [] as string[]);
    return (await Promise.all(dirs.map((d) => readdir(join(root, d))))).flat().filter((f) => !f.endsWith('.tmp'));
  };

  it('stores a retried upload once, also when two retries race, and leaves no file behind a refused one', async () => {
    const j = offlineJourney('Bu Sumini');
    await push(psmA, j.mutations.slice(0, 1));
    const before = (await filesOnDisk()).length;
    const id = uuidv7();
    const [x, y] = await Promise.all([upload(psmA, id, j.personId), upload(psmA, id, j.personId)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 201]);
    expect(x.json().id).toBe(y.json().id);
    const again = await upload(psmA, id, j.personId);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(x.json().id);
    const stored = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM stored_file WHERE id = $1`, [x.json().id]);
    expect(stored.rows[0].n).toBe(1);
    expect((await filesOnDisk()).length).toBe(before + 1);

    // Another account cannot learn of or reuse that upload id.
    expect((await upload(psmB, id, j.personId)).statusCode).toBe(404);
    // Not a photo: refused, nothing written.
    const refused = await upload(psmA, uuidv7(), j.personId, Buffer.from('%PDF-1.4 not a photo'));
    expect(refused.statusCode).toBe(415);
    expect((await filesOnDisk()).length).toBe(before + 1);
  });
});
