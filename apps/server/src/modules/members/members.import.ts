import ExcelJS from 'exceljs';
import { isWithin, maskNik, parseIsoDate, validateNik, type Issue } from '@pilar/domain';
import type { ImportReport, ImportRowResult } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest } from '../../platform/errors';
import { areaLookup } from '../reference/reference.service';
import { newVerifyToken } from './members.service';
import * as store from './members.store';

/**
 * Excel import of PSM lists from the downloadable template. Every row is judged on
 * its own (accepted / unchanged / rejected with reasons); good rows are written,
 * bad rows reported, all in the caller's one transaction — never half a row.
 * Idempotent: rows are matched by NIK hash, and an identical row is `unchanged`.
 */
export const IMPORT_COLUMNS = [
  { key: 'nik', header: 'NIK', required: true, width: 20 },
  { key: 'fullName', header: 'Nama Lengkap', required: true, width: 28 },
  { key: 'sex', header: 'Jenis Kelamin (L/P)', required: true, width: 10 },
  { key: 'birthDate', header: 'Tanggal Lahir (YYYY-MM-DD)', required: true, width: 16 },
  { key: 'villageCode', header: 'Kode Desa/Kelurahan', required: true, width: 18 },
  { key: 'rw', header: 'RW', required: false, width: 6 },
  { key: 'phone', header: 'No. HP', required: false, width: 16 },
  { key: 'address', header: 'Alamat', required: false, width: 30 },
  { key: 'skNumber', header: 'No. SK Desa/Kelurahan', required: false, width: 22 },
  { key: 'skDate', header: 'Tanggal SK (YYYY-MM-DD)', required: false, width: 16 },
  { key: 'skIssuer', header: 'Penerbit SK', required: false, width: 22 },
] as const;
type Key = (typeof IMPORT_COLUMNS)[number]['key'];
export const MAX_IMPORT_ROWS = 5000;

export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pilar';
  const ws = wb.addWorksheet('PSM');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('Petunjuk');
  help.columns = [{ header: 'Kolom', key: 'k', width: 30 }, { header: 'Keterangan', key: 'v', width: 90 }];
  help.addRows([
    { k: 'Umum', v: 'Isi satu PSM per baris di lembar "PSM" mulai baris 2. Jangan ubah judul kolom.' },
    { k: 'NIK', v: '16 angka, diketik sebagai teks (bukan angka), wajib.' },
    { k: 'Jenis Kelamin', v: 'L atau P, wajib.' },
    { k: 'Tanggal', v: 'Format YYYY-MM-DD, mis. 1985-07-21.' },
    { k: 'Kode Desa/Kelurahan', v: 'Kode wilayah Kemendagri, mis. 33.72.01.1001, wajib.' },
    { k: 'Impor ulang', v: 'Baris dengan NIK yang sama dan isi yang sama dilaporkan "tidak berubah"; tidak ada data ganda.' },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const issue = (code: string, field: string, id: string, en: string): Issue => ({ code, field, message: { id, en } });

function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim() || null;
    if ('text' in v) return String(v.text).trim() || null;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return null;
  }
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** YYYY-MM-DD, or DD/MM/YYYY and DD-MM-YYYY as typed in Indonesia. */
function parseDate(s: string): string | null {
  if (parseIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : null;
}

interface ParsedRow {
  row: number;
  values: Partial<Record<Key, string>>;
  nikNumberTooLong: boolean;
}

async function readRows(bytes: Buffer): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badRequest([issue('import.not_xlsx', 'file', 'Berkas bukan XLSX yang valid; gunakan templat', 'The file is not a valid XLSX; use the template')]);
  }
  const ws = wb.getWorksheet('PSM') ?? wb.worksheets[0];
  if (!ws) throw badRequest([issue('import.empty', 'file', 'Berkas tidak berisi lembar kerja', 'The file has no worksheet')]);
  const headerToKey = new Map(IMPORT_COLUMNS.map((c) => [c.header.toLowerCase(), c.key]));
  const colKey = new Map<number, Key>();
  ws.getRow(1).eachCell((cell, col) => {
    const k = headerToKey.get((cellText(cell.value) ?? '').toLowerCase());
    if (k) colKey.set(col, k);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && ![...colKey.values()].includes(c.key));
  if (missing.length) {
    const names = missing.map((c) => c.header).join(', ');
    throw badRequest([issue('import.columns', 'file', `Kolom wajib tidak ada: ${names}; gunakan templat`, `Required columns missing: ${names}; use the template`)]);
  }
  const rows: ParsedRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const values: Partial<Record<Key, string>> = {};
    let nikNumberTooLong = false;
    for (const [col, key] of colKey) {
      const raw = r.getCell(col).value;
      // Excel keeps 15 significant digits of a number: a 16-digit NIK typed as a number has
      // already lost its last digit, so it must be typed as text.
      if (key === 'nik' && typeof raw === 'number') nikNumberTooLong = true;
      const t = cellText(raw);
      if (t !== null) values[key] = t;
    }
    if (Object.keys(values).length) rows.push({ row: n, values, nikNumberTooLong });
  });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw badRequest([issue('import.too_many', 'file', `Maksimal ${MAX_IMPORT_ROWS} baris per impor`, `At most ${MAX_IMPORT_ROWS} rows per import`)]);
  }
  return rows;
}

interface Candidate {
  row: number;
  nik: string;
  hash: Buffer;
  data: {
    fullName: string; sex: 'L' | 'P'; birthDate: string; villageCode: string; rw: string | null; phone: string | null;
    address: string | null; skNumber: string | null; skDate: string | null; skIssuer: string | null;
  };
}

const SEX: Record<string, 'L' | 'P'> = { l: 'L', p: 'P', 'laki-laki': 'L', lakilaki: 'L', perempuan: 'P', pria: 'L', wanita: 'P' };

/** Imports a PSM list (XLSX) as registrations to verify (status diajukan). */
export async function importMembers(ctx: Ctx, bytes: Buffer): Promise<ImportReport> {
  requireAccess(ctx.actor, 'member.create');
  const scopes = scopeOf(ctx.actor, 'member.create');
  const rows = await readRows(bytes);
  const lookup = await areaLookup(ctx.db);
  const now = ctx.clock.now();
  const villageCodes = [...new Set(rows.map((r) => r.values.villageCode).filter((v): v is string => !!v))];
  const known = new Set(
    villageCodes.length
      ? (await ctx.db.query(`SELECT code FROM area WHERE level = 'village' AND code = ANY($1)`, [villageCodes])).rows.map((r) => r.code as string)
      : [],
  );

  const results: ImportRowResult[] = [];
  const candidates: Candidate[] = [];
  const firstRowOfNik = new Map<string, number>();
  for (const r of rows) {
    const v = r.values;
    const reasons: Issue[] = [];
    for (const c of IMPORT_COLUMNS) {
      if (c.required && !v[c.key]) reasons.push(issue('cell.required', c.key, `Kolom "${c.header}" wajib diisi`, `Column "${c.header}" is required`));
    }
    const sex = v.sex ? SEX[v.sex.toLowerCase().replace(/\s/g, '')] : undefined;
    if (v.sex && !sex) reasons.push(issue('sex.invalid', 'sex', 'Jenis kelamin harus L atau P', 'Sex must be L or P'));
    const birthDate = v.birthDate ? parseDate(v.birthDate) : null;
    if (v.birthDate && !birthDate) reasons.push(issue('date.invalid', 'birthDate', 'Tanggal lahir tidak valid (YYYY-MM-DD)', 'Invalid birth date (YYYY-MM-DD)'));
    const skDate = v.skDate ? parseDate(v.skDate) : null;
    if (v.skDate && !skDate) reasons.push(issue('date.invalid', 'skDate', 'Tanggal SK tidak valid (YYYY-MM-DD)', 'Invalid SK date (YYYY-MM-DD)'));
    if (v.villageCode) {
      if (!known.has(v.villageCode)) reasons.push(issue('village.unknown', 'villageCode', `Kode desa/kelurahan ${v.villageCode} tidak dikenal`, `Unknown village code ${v.villageCode}`));
      else if (!scopes.some((s) => isWithin(v.villageCode!, s))) reasons.push(issue('village.outside_scope', 'villageCode', `Desa/kelurahan ${v.villageCode} di luar wilayah kewenangan Anda`, `Village ${v.villageCode} is outside your scope`));
    }
    if (v.rw && !/^\d{1,3}$/.test(v.rw)) reasons.push(issue('rw.invalid', 'rw', 'RW harus 1–3 angka', 'RW must be 1–3 digits'));
    if (v.phone && !/^\+?[0-9 ()-]{6,20}$/.test(v.phone)) reasons.push(issue('phone.invalid', 'phone', 'No. HP tidak valid', 'Invalid phone number'));
    let hash: Buffer | null = null;
    if (r.nikNumberTooLong) {
      reasons.push(issue('nik.as_number', 'nik', 'NIK diketik sebagai angka dan digitnya berubah; ketik sebagai teks', 'The NIK was typed as a number and lost digits; type it as text'));
    } else if (v.nik) {
      const check = validateNik(v.nik, { ...(sex ? { sex } : {}), ...(birthDate ? { birthDate } : {}) }, lookup, now);
      if (!check.valid) reasons.push(...check.errors);
      else {
        hash = ctx.ids.hash('nik', v.nik.trim());
        const first = firstRowOfNik.get(hash.toString('hex'));
        if (first !== undefined) reasons.push(issue('nik.duplicate_in_file', 'nik', `NIK sama dengan baris ${first}`, `Same NIK as row ${first}`));
        else firstRowOfNik.set(hash.toString('hex'), r.row);
      }
    }
    const nikMasked = v.nik && /^\d{16}$/.test(v.nik.trim()) ? maskNik(v.nik.trim()) : null;
    if (reasons.length || !hash) {
      results.push({ row: r.row, status: 'rejected', memberId: null, nikMasked, reasons });
      continue;
    }
    candidates.push({
      row: r.row,
      nik: v.nik!.trim(),
      hash,
      data: {
        fullName: v.fullName!, sex: sex!, birthDate: birthDate!, villageCode: v.villageCode!, rw: v.rw ? v.rw.padStart(3, '0') : null,
        phone: v.phone ?? null, address: v.address ?? null, skNumber: v.skNumber ?? null, skDate, skIssuer: v.skIssuer ?? null,
      },
    });
  }

  // Against the registry: same NIK and same content → unchanged; same NIK, other content → rejected.
  const existing = await store.findByNikHashes(ctx.db, candidates.map((c) => c.hash));
  const taken = await store.nikTaken(ctx.db, candidates.map((c) => c.hash));
  const visible = new Map(
    (await store.findMembers(ctx.db, [...existing.values()].map((e) => e.id), scopeOf(ctx.actor, 'member.read'))).map((m) => [m.id, m]),
  );
  const inserts: store.MemberInsert[] = [];
  for (const c of candidates) {
    const found = existing.get(c.hash.toString('hex'));
    const nikMasked = maskNik(c.nik);
    if (!found && taken.has(c.hash.toString('hex'))) {
      results.push({
        row: c.row, status: 'rejected', memberId: null, nikMasked,
        reasons: [issue('nik.registered_elsewhere', 'nik', 'NIK sudah terdaftar sebagai PSM di wilayah lain', 'This NIK is already registered as a PSM in another area')],
      });
      continue;
    }
    if (found) {
      const m = visible.get(found.id);
      const d = c.data;
      const same = m && m.fullName === d.fullName && m.sex === d.sex && m.birthDate === d.birthDate && m.villageCode === d.villageCode &&
        m.rw === d.rw && m.phone === d.phone && m.address === d.address && m.skNumber === d.skNumber && m.skDate === d.skDate && m.skIssuer === d.skIssuer;
      if (same) results.push({ row: c.row, status: 'unchanged', memberId: m.id, nikMasked, reasons: [] });
      else {
        results.push({
          row: c.row, status: 'rejected', memberId: null, nikMasked,
          reasons: [issue('nik.duplicate_db', 'nik', 'NIK sudah terdaftar sebagai PSM dengan data berbeda; ubah lewat data PSM', 'This NIK is already registered as a PSM with different data; edit the PSM record instead')],
        });
      }
      continue;
    }
    const id = uuidv7();
    inserts.push({
      id, regency_code: c.data.villageCode.slice(0, 5), village_code: c.data.villageCode, rw: c.data.rw, full_name: c.data.fullName,
      sex: c.data.sex, birth_date: c.data.birthDate, nik_hash: c.hash, nik_enc: ctx.ids.encrypt('nik', c.nik), nik_masked: nikMasked,
      phone: c.data.phone, address: c.data.address, membership_kind: 'biasa', lives_in_village: true, health_statement: false,
      sk_number: c.data.skNumber, sk_date: c.data.skDate, sk_issuer: c.data.skIssuer, kta_number: null, kta_kind: null, kta_date: null,
      status: 'diajukan', status_date: null, active_since: null, source: 'impor', verify_token: newVerifyToken(), has_training: false,
      created_at: now, created_by: ctx.actor.userId, updated_at: now, updated_by: ctx.actor.userId,
    });
    results.push({ row: c.row, status: 'accepted', memberId: id, nikMasked, reasons: [] });
  }
  await store.insertMembers(ctx.db, inserts);
  await store.insertRows(
    ctx.db,
    'member_status_event',
    ['regency_code', 'id', 'member_id', 'from_status', 'to_status', 'note', 'at', 'actor_id', 'actor_label'],
    inserts.map((m) => [m.regency_code, uuidv7(), m.id, null, 'diajukan', 'sumber: impor', now, ctx.actor.userId, ctx.actor.username]),
  );
  // New registrations are not active: the coverage rollup does not change.
  const byRegency = new Map<string, string[]>();
  for (const m of inserts) byRegency.set(m.regency_code as string, [...(byRegency.get(m.regency_code as string) ?? []), m.id as string]);
  for (const [regencyCode, ids] of byRegency) {
    ctx.audit.record({ action: 'member.imported', entityType: 'member', regencyCode, details: { ids } });
  }
  results.sort((a, b) => a.row - b.row);
  const count = (s: ImportRowResult['status']) => results.filter((r) => r.status === s).length;
  ctx.audit.record({ action: 'member.import_run', entityType: 'member_import', details: { total: results.length, accepted: count('accepted'), unchanged: count('unchanged'), rejected: count('rejected') } });
  return { total: results.length, accepted: count('accepted'), unchanged: count('unchanged'), rejected: count('rejected'), rows: results };
}
