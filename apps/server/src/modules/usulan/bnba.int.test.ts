import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, createTestApp, type TestApp } from '../../../test/app';
import { programmeRollupTruthSql, PROGRAMME_ROLLUPS } from '../programmes/rollups';
import { PNG, SOLO, api, buildTeam, registerPerson, upload, type Team } from '../programmes/test-support';

/**
 * BNBA round trip (issue 8 §3): export a batch as XLSX in a column template (masked for
 * review, full NIK for the SIKS-NG upload — audited per person with its purpose), then
 * import the results back, matched by NIK hash: a changed or unknown NIK is reported
 * per row and nothing is applied; a clean file is applied whole.
 */
const clock = new ManualClock('2026-03-02T03:00:00Z');
let t: TestApp;
let team: Team;
let call: ReturnType<typeof api>;
const people: { id: string; nik: string; usulanId: string }[] = [];
const PURPOSE = 'Unggah usulan PKH ke SIKS-NG batch Maret 2026';
const CHECKLIST = { domisili: true, identitas: true, kondisi_rumah: true, belum_penerima: true, bukan_asn: true };

async function approvedUsulan() {
  const p = await registerPerson(t.app, team.psm, SOLO.village);
  const u = (await call('POST', '/usulan', team.psm, { programmeCode: 'pkh', personId: p.id, reason: 'Keluarga miskin ekstrem' })).body;
  const step = async (headers: Record<string, string>, body: Record<string, unknown>) => {
    const cur = (await call('GET', `/usulan/${u.id}`, headers)).body;
    const res = await call('POST', `/usulan/${u.id}/steps`, headers, { ...body, version: cur.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  await step(team.psm, { action: 'propose' });
  const sptjm = await upload(t.app, team.psm, `/api/v1/usulan-files?villageCode=${SOLO.village}&purpose=sptjm`, PNG);
  await step(team.psm, { action: 'sptjm', sptjmFileId: sptjm.json().id, sptjmSigner: 'Lurah Laweyan' });
  await step(team.psm, { action: 'verify', checklist: CHECKLIST });
  await step(team.verifier, { action: 'approve_verifier' });
  await step(team.head, { action: 'approve_head' });
  people.push({ ...p, usulanId: u.id });
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

async function resultFile(lines: { nik: string; id?: string; status: string; reason?: string }[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hasil');
  ws.columns = [{ header: 'NIK', key: 'nik' }, { header: 'ID_USULAN', key: 'id' }, { header: 'STATUS', key: 'status' }, { header: 'ALASAN', key: 'reason' }];
  for (const l of lines) ws.addRow({ nik: l.nik, id: l.id ?? '', status: l.status, reason: l.reason ?? '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const exportBatch = (headers: Record<string, string>, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/bnba-exports', headers, payload: { regencyCode: SOLO.regency, programmeCode: 'pkh', batchMonth: '2026-03', purpose: PURPOSE, ...body } });

const statuses = async () =>
  (await t.database.ownerQuery(`SELECT id, status, result_reason FROM usulan WHERE id = ANY($1::uuid[]) ORDER BY id`, [people.map((p) => p.usulanId)])).rows;

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  team = await buildTeam(t.app, t.database);
  call = api(t.app);
  for (let i = 0; i < 3; i++) await approvedUsulan();
});
afterAll(async () => t?.close());

describe('BNBA export', () => {
  it('gives a masked review list in the default template to whoever reads usulan, changing nothing', async () => {
    const res = await exportBatch(team.verifier, { mode: 'masked' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['NO', 'NIK', 'NO_KK', 'NAMA', 'JENIS_KELAMIN', 'TEMPAT_LAHIR', 'TANGGAL_LAHIR', 'ALAMAT', 'RT', 'RW', 'KODE_WILAYAH', 'PROVINSI', 'KABUPATEN_KOTA', 'KECAMATAN', 'DESA_KELURAHAN', 'PROGRAM', 'ID_DTSEN', 'BULAN_USULAN', 'ID_USULAN']);
    expect(rows).toHaveLength(4);
    for (const r of rows.slice(1)) {
      expect(r[1]).toMatch(/^\d{4}\*{8}\d{4}$/);
      expect(people.map((p) => p.nik)).not.toContain(r[1]);
    }
    expect(rows.slice(1).map((r) => r[18]).sort()).toEqual(people.map((p) => p.usulanId).sort());
    expect((await statuses()).every((s) => s.status === 'approved')).toBe(true);
  });

  it('refuses the full export to a PSM and without a purpose', async () => {
    expect((await exportBatch(team.psm, { mode: 'full' })).statusCode).toBe(403);
    const noPurpose = await t.app.inject({ method: 'POST', url: '/api/v1/bnba-exports', headers: team.operator, payload: { regencyCode: SOLO.regency, programmeCode: 'pkh', batchMonth: '2026-03', mode: 'full' } });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().errors[0].field).toBe('purpose');
  });

  it('exports full NIKs for SIKS-NG in a custom template, audits each reveal with the purpose, and marks the usulan sent', async () => {
    const tpl = await call('POST', '/bnba-templates', team.operator, {
      ownerAreaCode: SOLO.regency, name: 'SIKS-NG 2026', isDefault: true,
      columns: [{ field: 'id_usulan', header: 'ID_USULAN' }, { field: 'nik', header: 'NIK' }, { field: 'nama', header: 'NAMA_LENGKAP' }, { field: 'kode_wilayah', header: 'KODE_DESA' }],
    });
    expect(tpl.status, JSON.stringify(tpl.body)).toBe(201);
    const bad = await call('POST', '/bnba-templates', team.operator, { ownerAreaCode: SOLO.regency, name: 'Tanpa NIK', columns: [{ field: 'nama', header: 'NAMA' }, { field: 'id_usulan', header: 'ID' }] });
    expect(bad.status).toBe(400);

    const res = await exportBatch(team.operator, { mode: 'full' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['ID_USULAN', 'NIK', 'NAMA_LENGKAP', 'KODE_DESA']);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    for (const p of people) expect(byId.get(p.usulanId)?.[1]).toBe(p.nik);
    expect((await statuses()).map((s) => s.status)).toEqual(['sent', 'sent', 'sent']);

    const exportId = res.headers['x-export-id'] as string;
    const reveals = await t.database.ownerQuery(`SELECT person_id, purpose FROM audit_event WHERE action = 'person.nik_revealed' AND purpose = $1`, [PURPOSE]);
    expect(reveals.rows.map((r) => r.person_id).sort()).toEqual(people.map((p) => p.id).sort());
    const exported = await t.database.ownerQuery(`SELECT purpose, details FROM audit_event WHERE action = 'usulan.bnba_exported' AND entity_id = $1`, [exportId]);
    expect(exported.rows[0]).toMatchObject({ purpose: PURPOSE, details: { rows: 3, mode: 'full' } });
    // No NIK leaks into the audit details.
    const leaked = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE details::text ~ $1`, [people.map((p) => p.nik).join('|')]);
    expect(leaked.rows[0].n).toBe(0);
  });
});

describe('import of SIKS-NG results', () => {
  let exportId: string;
  beforeAll(async () => {
    exportId = (await t.database.ownerQuery(`SELECT id FROM bnba_export WHERE mode = 'full' ORDER BY created_at DESC, id DESC LIMIT 1`)).rows[0].id;
  });
  const importFile = (bytes: Buffer) => upload(t.app, team.operator, `/api/v1/bnba-exports/${exportId}/results`, bytes, 'hasil.xlsx', 'application/octet-stream');

  it('reports a changed and an unknown NIK per row and applies nothing', async () => {
    const [a, b, c] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const changed = `${c.nik.slice(0, 12)}${String((Number(c.nik.slice(12)) + 1) % 10000).padStart(4, '0')}`;
    const file = await resultFile([
      { nik: a.nik, id: a.usulanId, status: 'Ditetapkan' },
      { nik: b.nik, status: 'Ditolak', reason: 'Desil di atas 4' },
      { nik: changed, id: c.usulanId, status: 'Ditetapkan' },
      { nik: '3372015501900099', status: 'Ditetapkan' },
      { nik: a.nik, id: a.usulanId, status: 'barangkali' },
    ]);
    const res = await importFile(file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ applied: false, total: 5, errors: 3, set: 0, rejected: 0 });
    expect(report.rows.map((r: { row: number; status: string; code: string | null }) => [r.row, r.status, r.code])).toEqual([
      [2, 'ok', null],
      [3, 'ok', null],
      [4, 'error', 'nik.changed'],
      [5, 'error', 'nik.unknown'],
      [6, 'error', 'status.unknown'],
    ]);
    expect(report.rows[2]).toMatchObject({ usulanId: c.usulanId, nikMasked: expect.stringMatching(/^\d{4}\*{8}\d{4}$/) });
    expect(JSON.stringify(report)).not.toContain(c.nik);
    expect((await statuses()).map((s) => s.status)).toEqual(['sent', 'sent', 'sent']);
    const members = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM programme_membership WHERE usulan_id = ANY($1::uuid[])`, [people.map((p) => p.usulanId)]);
    expect(members.rows[0].n).toBe(0);
  });

  it('applies a clean file whole: set ones become members, rejected ones keep the reason; a replay changes nothing', async () => {
    const [a, b, c] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const file = await resultFile([
      { nik: a.nik, id: a.usulanId, status: 'Ditetapkan' },
      { nik: b.nik, status: 'Ditolak', reason: 'Desil di atas 4' },
      { nik: c.nik, id: c.usulanId, status: 'layak' },
    ]);
    const res = await importFile(file);
    expect(res.json()).toMatchObject({ applied: true, set: 2, rejected: 1, errors: 0 });
    const byId = new Map((await statuses()).map((s) => [s.id, s]));
    expect(byId.get(a.usulanId)?.status).toBe('set');
    expect(byId.get(b.usulanId)).toMatchObject({ status: 'rejected', result_reason: 'Desil di atas 4' });
    expect(byId.get(c.usulanId)?.status).toBe('set');
    const members = await t.database.ownerQuery(`SELECT person_id, status, source FROM programme_membership WHERE usulan_id = ANY($1::uuid[]) ORDER BY person_id`, [people.map((p) => p.usulanId)]);
    expect(members.rows).toEqual([a, c].map((p) => ({ person_id: p.id, status: 'aktif', source: 'usulan' })).sort((x, y) => x.person_id.localeCompare(y.person_id)));

    const again = await importFile(file);
    expect(again.json()).toMatchObject({ applied: true, set: 0, rejected: 0, unchanged: 3 });
    const count = await t.database.ownerQuery(`SELECT count(*)::int AS n FROM programme_membership WHERE usulan_id = ANY($1::uuid[])`, [people.map((p) => p.usulanId)]);
    expect(count.rows[0].n).toBe(2);
  });

  it('keeps the usulan and membership rollups equal to the raw rows, and shows them as dashboard figures', async () => {
    for (const kind of ['usulan', 'membership'] as const) {
      const d = PROGRAMME_ROLLUPS[kind];
      const cols = [...d.key, ...d.measures].join(', ');
      const rollup = await t.database.ownerQuery(`SELECT ${cols} FROM ${d.table} WHERE n <> 0 ORDER BY ${cols}`);
      const truth = await t.database.ownerQuery(`SELECT * FROM (${programmeRollupTruthSql(kind)}) x ORDER BY ${cols}`);
      expect(rollup.rows, kind).toEqual(truth.rows);
    }
    const figures = await call('GET', `/programme-figures?area=${SOLO.regency}`, team.operator);
    expect(figures.body.usulan).toEqual([
      { programmeCode: 'pkh', status: 'rejected', month: '2026-03', n: 1 },
      { programmeCode: 'pkh', status: 'set', month: '2026-03', n: 2 },
    ]);
    expect(figures.body.memberships).toEqual([{ programmeCode: 'pkh', status: 'aktif', n: 2 }]);
    expect((await call('GET', `/programme-figures?area=${SOLO.regency}`, team.psm)).status).toBe(403);
  });

  it('refuses a file that is not XLSX, naming the field', async () => {
    const res = await importFile(Buffer.from('NIK;STATUS\n1;2\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('file');
  });
});
