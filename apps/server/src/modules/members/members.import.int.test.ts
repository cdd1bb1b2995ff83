import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { actorWith, as, syntheticNik } from '../../../test/actors';
import { buildMember } from '../../../test/factories.members';
import { IMPORT_COLUMNS, importMembers, importTemplate } from './members.import';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const ipsmSolo = actorWith(['ipsm_pengurus', '33.72']);

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await importTemplate()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('PSM')!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (nik: string | number | null, name: string, sex: string, birth: string | null, village: string): (string | number | null)[] =>
  [nik, name, sex, birth, village, '3', '0812 3456 7890', 'Jl. Melati 1', 'SK/01/2025', '2025-01-05', 'Lurah'];

describe('Excel import of PSM lists', () => {
  it('offers a template with the expected columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await importTemplate()) as unknown as ArrayBuffer);
    const headers = (wb.getWorksheet('PSM')!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS.map((c) => c.header));
  });

  it('commits good rows, rejects bad ones with the reason, and a re-import changes nothing', async () => {
    const existing = await buildMember(t, '33.72.01.1001');
    const good1 = syntheticNik('33.72.01', '1980-04-12', 'L', 101);
    const good2 = syntheticNik('33.72.02', '1975-09-03', 'P', 102);
    const dupInFile = syntheticNik('33.72.03', '1990-01-01', 'L', 103);
    const other = syntheticNik('33.72.01', '1985-05-05', 'L', 104);
    const file = await workbook([
      row(good1, 'Agus Santoso', 'L', '1980-04-12', '33.72.01.1001'),
      row(good2, 'Siti Aminah', 'P', '03/09/1975', '33.72.02.1001'),
      row('3372011204800000', 'NIK Salah', 'L', '1980-04-12', '33.72.01.1001'),
      row(other, 'Desa Asing', 'L', '1985-05-05', '33.72.01.9999'),
      row(dupInFile, 'Pertama', 'L', '1990-01-01', '33.72.03.1001'),
      row(dupInFile, 'Kedua', 'L', '1990-01-01', '33.72.03.1001'),
      row(syntheticNik('33.72.01', '1982-02-02', 'P', 105), '', 'P', '1982-02-02', '33.72.01.1001'),
      row(syntheticNik('33.72.01', '1983-03-03', 'L', 106), 'Tanggal Salah', 'L', '1983-02-31', '33.72.01.1001'),
      row(syntheticNik('19.01.01', '1983-03-03', 'L', 107), 'Bangka', 'L', '1983-03-03', '19.01.01.1001'),
      row(Number('3372011204800108'), 'NIK Angka', 'L', '1980-04-12', '33.72.01.1001'),
    ]);
    const report = await as(t, ipsmSolo, (ctx) => importMembers(ctx, file));
    const byRow = Object.fromEntries(report.rows.map((r) => [r.row, r]));
    expect(byRow[2]!.status).toBe('accepted');
    expect(byRow[3]!.status).toBe('accepted');
    expect(byRow[4]).toMatchObject({ status: 'rejected' });
    expect(byRow[4]!.reasons[0]!.field).toBe('nik');
    expect(byRow[5]!.reasons.map((r) => r.code)).toContain('village.unknown');
    expect(byRow[6]!.status).toBe('accepted');
    expect(byRow[7]!.reasons.map((r) => r.code)).toContain('nik.duplicate_in_file');
    expect(byRow[8]!.reasons.map((r) => r.code)).toContain('cell.required');
    expect(byRow[9]!.reasons.map((r) => r.code)).toContain('date.invalid');
    expect(byRow[10]!.reasons.map((r) => r.code)).toContain('village.outside_scope');
    expect(byRow[11]!.reasons.map((r) => r.code)).toContain('nik.as_number');
    expect(report).toMatchObject({ total: 10, accepted: 3, unchanged: 0, rejected: 7 });
    expect(JSON.stringify(report)).not.toContain(good1);
    const stored = await t.ownerQuery(`SELECT status, source, birth_date::text AS b FROM member WHERE full_name = 'Siti Aminah'`);
    expect(stored.rows).toEqual([{ status: 'diajukan', source: 'impor', b: '1975-09-03' }]);

    const before = (await t.ownerQuery(`SELECT count(*)::int AS n, max(updated_at) AS u FROM member`)).rows[0];
    const again = await as(t, ipsmSolo, (ctx) => importMembers(ctx, file));
    expect(again).toMatchObject({ accepted: 0, unchanged: 3, rejected: 7 });
    const after = (await t.ownerQuery(`SELECT count(*)::int AS n, max(updated_at) AS u FROM member`)).rows[0];
    expect(after).toEqual(before);

    // Same NIK as a registered PSM but other content: rejected as a duplicate.
    const changed = await workbook([row(good1, 'Agus Santoso Berubah', 'L', '1980-04-12', '33.72.01.1001')]);
    const third = await as(t, ipsmSolo, (ctx) => importMembers(ctx, changed));
    expect(third.rows[0]!.reasons[0]!.code).toBe('nik.duplicate_db');
    expect(existing.id).toBeTruthy();
  });

  it('reports a NIK registered outside the importer’s scope without revealing where', async () => {
    const ipsmBangka = actorWith(['ipsm_pengurus', '19.01']);
    const nik = syntheticNik('33.72.01', '1970-07-07', 'P', 201);
    await as(t, ipsmSolo, async (ctx) => importMembers(ctx, await workbook([row(nik, 'Di Solo', 'P', '1970-07-07', '33.72.01.1001')])));
    const r = await as(t, ipsmBangka, async (ctx) => importMembers(ctx, await workbook([row(nik, 'Di Bangka', 'P', '1970-07-07', '19.01.01.1001')])));
    expect(r.rows[0]!.reasons[0]!.code).toBe('nik.registered_elsewhere');
  });

  it('refuses a file that is not XLSX', async () => {
    await expect(as(t, ipsmSolo, (ctx) => importMembers(ctx, Buffer.from('not a spreadsheet')))).rejects.toMatchObject({ status: 400 });
  });
});
