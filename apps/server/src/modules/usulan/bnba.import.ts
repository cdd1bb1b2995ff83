import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { maskNik, type Msg } from '@pilar/domain';
import { parseResultStatus, RESULT_REASON_HEADERS, RESULT_STATUS_HEADERS, type BnbaImportRow } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest, notFound } from '../../platform/errors';
import { enrolFromUsulan } from '../programmes/memberships.service';
import { localParts } from '@pilar/domain/contracts';
import * as bnba from './bnba.store';
import { applyStep } from './usulan.service';
import * as store from './usulan.store';

export const MAX_RESULT_ROWS = 5000;

const fileError = (id: string, en: string) => badRequest([{ field: 'file', code: 'bnba.file', message: { id, en } }]);

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

const rowError = (row: number, code: string, message: Msg, rest: Partial<BnbaImportRow> = {}): BnbaImportRow => ({
  row, usulanId: null, nikMasked: null, result: null, status: 'error', code, message, ...rest,
});

/**
 * Results from SIKS-NG (set / rejected with reason) matched back to the usulan of an
 * export: by the usulan id column and the NIK's keyed hash as it went out. Every row is
 * judged first; if any row is wrong (unknown or changed NIK, unknown status, missing
 * reason…) nothing is applied and the per-row report says why — never half a file.
 */
export async function importResults(ctx: Ctx, exportId: string, bytes: Buffer) {
  requireAccess(ctx.actor, 'usulan.import_result');
  const exp = await bnba.findExport(ctx.db, exportId, scopeOf(ctx.actor, 'usulan.import_result'));
  if (!exp) throw notFound({ id: 'Ekspor BNBA tidak ditemukan', en: 'BNBA export not found' });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileError('Berkas bukan XLSX yang dapat dibaca', 'The file is not a readable XLSX');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fileError('Berkas tidak memiliki lembar kerja', 'The file has no worksheet');
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headers.set(text(cell.value).toUpperCase(), col));
  const colOf = (candidates: string[]) => candidates.map((h) => headers.get(h.toUpperCase())).find((c) => c !== undefined);
  const header = (field: string) => exp.columns.find((c) => c.field === field)?.header ?? field.toUpperCase();
  const nikCol = colOf([header('nik'), 'NIK']);
  const idCol = colOf([header('id_usulan'), 'ID_USULAN']);
  const statusCol = colOf(RESULT_STATUS_HEADERS);
  const reasonCol = colOf(RESULT_REASON_HEADERS);
  if (!nikCol || !statusCol) {
    throw fileError(`Kolom ${header('nik')} dan STATUS wajib ada di baris judul`, `Columns ${header('nik')} and STATUS are required in the header row`);
  }
  if (ws.rowCount - 1 > MAX_RESULT_ROWS) throw fileError(`Maksimal ${MAX_RESULT_ROWS} baris`, `At most ${MAX_RESULT_ROWS} rows`);

  const items = await bnba.batchItems(ctx.db, { regencyCode: exp.regencyCode, programmeCode: exp.programmeCode, month: exp.month, statuses: ['sent', 'set', 'rejected'] }, scopeOf(ctx.actor, 'usulan.import_result'));
  const sent = items.filter((i) => i.nikHashSent);
  const byId = new Map(sent.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const rows: BnbaImportRow[] = [];
  const plan: { item: (typeof sent)[number]; result: 'set' | 'rejected'; reason: string | null }[] = [];

  for (let r = 2; r <= ws.rowCount; r++) {
    const line = ws.getRow(r);
    const nik = text(line.getCell(nikCol).value);
    const ref = idCol ? text(line.getCell(idCol).value) : '';
    const statusText = text(line.getCell(statusCol).value);
    const reason = reasonCol ? text(line.getCell(reasonCol).value) || null : null;
    if (!nik && !ref && !statusText) continue; // blank line
    if (!/^\d{16}$/.test(nik)) {
      rows.push(rowError(r, 'nik.invalid', { id: 'NIK harus 16 angka', en: 'NIK must be 16 digits' }, { usulanId: ref || null }));
      continue;
    }
    const hash = ctx.ids.hash('nik', nik);
    const nikMasked = maskNik(nik);
    const item = ref ? byId.get(ref) : sent.find((i) => i.nikHashSent!.equals(hash));
    if (ref && !item) {
      rows.push(rowError(r, 'usulan.unknown', { id: 'ID usulan tidak ada dalam ekspor batch ini', en: 'The usulan id is not in this batch export' }, { usulanId: ref, nikMasked }));
      continue;
    }
    if (!item) {
      rows.push(rowError(r, 'nik.unknown', { id: 'NIK tidak dikenal dalam batch ini', en: 'NIK not known in this batch' }, { nikMasked }));
      continue;
    }
    if (!item.nikHashSent!.equals(hash)) {
      rows.push(rowError(r, 'nik.changed', { id: 'NIK berbeda dari yang dikirim untuk usulan ini', en: 'The NIK differs from the one sent for this usulan' }, { usulanId: item.id, nikMasked }));
      continue;
    }
    const result = parseResultStatus(statusText);
    if (!result) {
      rows.push(rowError(r, 'status.unknown', { id: 'Status tidak dikenal (ditetapkan / ditolak)', en: 'Unknown status (ditetapkan / ditolak)' }, { usulanId: item.id, nikMasked }));
      continue;
    }
    if (result === 'rejected' && !reason) {
      rows.push(rowError(r, 'reason.required', { id: 'Alasan penolakan wajib diisi', en: 'The rejection reason is required' }, { usulanId: item.id, nikMasked, result }));
      continue;
    }
    if (seen.has(item.id)) {
      rows.push(rowError(r, 'row.duplicate', { id: 'Usulan ini muncul lebih dari sekali', en: 'This usulan appears more than once' }, { usulanId: item.id, nikMasked, result }));
      continue;
    }
    seen.add(item.id);
    if (item.status !== 'sent') {
      const same = item.status === result;
      rows.push(same
        ? { row: r, usulanId: item.id, nikMasked, result, status: 'unchanged', code: null, message: null }
        : rowError(r, 'usulan.decided', { id: `Usulan sudah berstatus ${item.status}`, en: `The usulan is already ${item.status}` }, { usulanId: item.id, nikMasked, result }));
      continue;
    }
    rows.push({ row: r, usulanId: item.id, nikMasked, result, status: 'ok', code: null, message: null });
    plan.push({ item, result, reason });
  }
  if (rows.length === 0) throw fileError('Berkas tidak berisi baris hasil', 'The file holds no result rows');

  const errors = rows.filter((x) => x.status === 'error').length;
  const applied = errors === 0;
  if (applied) {
    const p = localParts(ctx.clock.now(), exp.regencyCode);
    const today = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    for (const { item, result, reason } of plan) {
      const row = (await store.find(ctx.db, item.id, ['ID']))!;
      let membershipId: string | null = null;
      if (result === 'set') membershipId = await enrolFromUsulan(ctx, row, today);
      await applyStep(ctx, row, result === 'set' ? 'set' : 'reject', {
        version: null,
        reason,
        set: { result_reason: reason, result_at: ctx.clock.now(), ...(membershipId ? { membership_id: membershipId } : {}) },
        details: { exportId },
      });
    }
  }
  const importId = uuidv7();
  const report = {
    importId,
    exportId,
    applied,
    total: rows.length,
    set: applied ? plan.filter((x) => x.result === 'set').length : 0,
    rejected: applied ? plan.filter((x) => x.result === 'rejected').length : 0,
    unchanged: rows.filter((x) => x.status === 'unchanged').length,
    errors,
    rows,
  };
  await bnba.insertImport(ctx.db, { regencyCode: exp.regencyCode, id: importId, exportId, sha256: createHash('sha256').update(bytes).digest(), rowCount: rows.length, applied, report, at: ctx.clock.now(), by: ctx.actor.userId });
  ctx.audit.record({ action: 'usulan.results_imported', entityType: 'bnba_import', entityId: importId, regencyCode: exp.regencyCode, details: { exportId, applied, total: rows.length, errors, set: report.set, rejected: report.rejected } });
  return report;
}
