import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorWith, syntheticNik } from '../../../test/actors';
import { buildUser, signIn, type BuiltUser } from '../../../test/factories';
import { buildPerson } from '../../../test/factories.people';

/**
 * Exports: purpose required, run as a job, watermark (who, when, purpose) inside the
 * file, NIK masked, `export.created` audited with the purpose, the count and every
 * exported person id, and the file only for whoever may see it.
 */
let t: TestApp;
let user: BuiltUser;
let headers: Record<string, string>;
const dinsos = actorWith(['dinsos_kab', '33.72']);
const niks: string[] = [];
const ids: string[] = [];
const PURPOSE = 'Verifikasi lapangan calon penerima bantuan 2026';

beforeAll(async () => {
  t = await createTestApp();
  await t.app.pilar.jobs.start();
  for (const [i, village] of ['33.72.01.1001', '33.72.01.1002', '33.72.02.1001'].entries()) {
    const nik = syntheticNik(village.slice(0, 8), `197${i}-0${i + 1}-1${i}`, 'L', 500 + i);
    niks.push(nik);
    ids.push(
      (
        await buildPerson(t.database, dinsos, {
          villageCode: village,
          nik,
          fullName: i === 0 ? '=HYPERLINK("x")' : `Warga Ekspor ${i}`,
          sex: 'L',
          birthDate: `197${i}-0${i + 1}-1${i}`,
        })
      ).id,
    );
  }
  await buildPerson(t.database, actorWith(['dinsos_kab', '19.01']), { villageCode: '19.01.01.1001', fullName: 'Di Bangka' });
  user = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
  headers = (await signIn(t.app, user)).headers;
});
afterAll(async () => {
  await t?.app.pilar.jobs.stop();
  await t?.close();
});

async function exportAndWait(body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/exports', headers, payload: body });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  for (let i = 0; i < 300; i++) {
    const r = (await t.app.inject({ method: 'GET', url: `/api/v1/exports/${id}`, headers })).json();
    if (['succeeded', 'failed', 'cancelled'].includes(r.status)) return r;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('export did not finish');
}

describe('exports', () => {
  it('needs a purpose of at least 10 characters and an area inside the scope', async () => {
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers,
      payload: { source: 'persons', purpose: 'cek' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('purpose');
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers,
      payload: { source: 'persons', purpose: PURPOSE, filters: { area: '19.01' } },
    });
    expect(outside.statusCode).toBe(404);
    const psm = await buildUser(t.database, { grants: [{ role: 'psm', areaCode: '33.72.01.1001' }] });
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: (await signIn(t.app, psm)).headers,
      payload: { source: 'persons', purpose: PURPOSE },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('writes an XLSX with the watermark, masked NIKs and no formulas, and audits the exported ids', async () => {
    const done = await exportAndWait({ source: 'persons', format: 'xlsx', purpose: PURPOSE, purposeCode: 'verval.bansos' });
    expect(done).toMatchObject({ status: 'succeeded', rowCount: 3, fileUrl: `/api/v1/exports/${done.id}/file` });
    const file = await t.app.inject({ method: 'GET', url: done.fileUrl, headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Data')!;
    const mark = String(ws.getRow(1).getCell(1).value);
    expect(mark).toContain(user.username);
    expect(mark).toContain(PURPOSE);
    expect(mark).toContain('[verval.bansos]');
    expect(mark).toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(ws.headerFooter.oddHeader).toContain(PURPOSE);
    expect((ws.getRow(3).values as unknown[]).slice(1, 3)).toEqual(['ID', 'NIK (disamarkan)']);
    const data = [4, 5, 6].map((n) => ws.getRow(n).values as unknown[]);
    expect(data.map((r) => r[1]).sort()).toEqual([...ids].sort());
    for (const r of data) expect(String(r[2])).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(data.map((r) => r[3])).toContain(`'=HYPERLINK("x")`);
    const everything = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    for (const nik of niks) expect(everything).not.toContain(nik);
    expect(everything).not.toContain('Di Bangka');
    const info = wb.getWorksheet('Keterangan')!;
    expect(info.getRow(3).values).toEqual([undefined, 'Tujuan', PURPOSE]);

    const audit = await t.database.ownerQuery(
      `SELECT purpose, details, actor_id FROM audit_event WHERE action = 'export.created' AND entity_id = $1`,
      [done.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      purpose: PURPOSE,
      actor_id: user.id,
      details: { rows: 3, source: 'persons', purposeCode: 'verval.bansos' },
    });
    expect([...audit.rows[0].details.personIds].sort()).toEqual([...ids].sort());
    // A breach query finds the export from a person id.
    const found = await t.database.ownerQuery(
      `SELECT entity_id FROM audit_event WHERE action = 'export.created' AND details -> 'personIds' ? $1`,
      [ids[1]],
    );
    expect(found.rows.map((r) => r.entity_id)).toContain(done.id);
    const downloads = await t.database.ownerQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'export.downloaded' AND entity_id = $1`,
      [done.id],
    );
    expect(downloads.rows[0].n).toBe(1);
  });

  it('writes a CSV whose first line is the watermark, narrowed by area', async () => {
    const done = await exportAndWait({ source: 'persons', format: 'csv', purpose: PURPOSE, filters: { area: '33.72.01' } });
    const file = await t.app.inject({ method: 'GET', url: done.fileUrl, headers });
    const lines = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(
      new RegExp(`^# PILAR — diekspor oleh ${user.username} pada \\d{4}-\\d{2}-\\d{2}T.* untuk tujuan: ${PURPOSE}`),
    );
    expect(lines[1]).toBe('ID,NIK (disamarkan),Nama,JK,Tanggal Lahir,Kode Desa,Desa/Kelurahan,RT,RW,Kategori PPKS (kode)');
    expect(lines).toHaveLength(4);
    expect(file.body).toContain('Warga Ekspor 1');
    for (const nik of niks) expect(file.body).not.toContain(nik);
  });

  it('serves the file only to whoever asked for it', async () => {
    const done = await exportAndWait({ source: 'members', format: 'csv', purpose: PURPOSE });
    expect(done.status).toBe('succeeded');
    const other = await buildUser(t.database, { grants: [{ role: 'dinsos_kab', areaCode: '33.72' }] });
    const res = await t.app.inject({ method: 'GET', url: done.fileUrl, headers: (await signIn(t.app, other)).headers });
    expect(res.statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'GET', url: done.fileUrl });
    expect(anon.statusCode).toBe(401);
  });

  it('exports coverage and cases as well', async () => {
    for (const source of ['coverage', 'cases']) {
      const done = await exportAndWait({ source, format: 'csv', purpose: PURPOSE, filters: { area: '33.72' } });
      expect(done.status, source).toBe('succeeded');
    }
  });
});
