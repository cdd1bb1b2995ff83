import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DEFAULT_BNBA_TEMPLATE, validateBnbaTemplate, type BnbaColumn, type BnbaExportBody, type BnbaField } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest } from '../../platform/errors';
import { revealKk } from '../people/households.service';
import { revealNik } from '../people/people.service';
import * as bnba from './bnba.store';
import { applyStep } from './usulan.service';
import * as store from './usulan.store';

export const BUILT_IN_TEMPLATE_ID = '00000000-0000-7000-8000-000000000b0a';

/** Column templates for a regency: its own (and its province's), then the built-in default. */
export async function listTemplates(ctx: Ctx, regencyCode: string) {
  requireAccess(ctx.actor, 'usulan.read', { areaCode: regencyCode });
  const own = await bnba.templates(ctx.db, regencyCode);
  const builtIn = { id: BUILT_IN_TEMPLATE_ID, ownerAreaCode: null, name: 'Bawaan Pilar (SIKS-NG)', columns: [...DEFAULT_BNBA_TEMPLATE], isDefault: !own.some((t) => t.isDefault), builtIn: true };
  return { items: [...own.map((t) => ({ ...t, builtIn: false })), builtIn] };
}

export async function createTemplate(ctx: Ctx, input: { ownerAreaCode: string; name: string; columns: BnbaColumn[]; isDefault?: boolean | undefined }) {
  requireAccess(ctx.actor, 'programme.configure', { areaCode: input.ownerAreaCode });
  const errors = validateBnbaTemplate(input.columns);
  if (errors.length) throw badRequest(errors);
  const t = { id: uuidv7(), ownerAreaCode: input.ownerAreaCode, name: input.name, columns: input.columns, isDefault: input.isDefault ?? false };
  await bnba.insertTemplate(ctx.db, { ...t, at: ctx.clock.now(), by: ctx.actor.userId });
  ctx.audit.record({ action: 'usulan.bnba_template_created', entityType: 'bnba_template', entityId: t.id, regencyCode: input.ownerAreaCode, details: { columns: input.columns.map((c) => c.field) } });
  return { ...t, builtIn: false };
}

async function templateFor(ctx: Ctx, regencyCode: string, templateId: string | undefined): Promise<BnbaColumn[]> {
  const own = await bnba.templates(ctx.db, regencyCode);
  if (templateId && templateId !== BUILT_IN_TEMPLATE_ID) {
    const t = own.find((x) => x.id === templateId);
    if (!t) throw badRequest([{ field: 'templateId', code: 'bnba.template_unknown', message: { id: 'Templat tidak dikenal untuk kabupaten/kota ini', en: 'Unknown template for this regency' } }]);
    return t.columns as BnbaColumn[];
  }
  if (templateId === BUILT_IN_TEMPLATE_ID) return [...DEFAULT_BNBA_TEMPLATE];
  return (own.find((t) => t.isDefault)?.columns as BnbaColumn[] | undefined) ?? [...DEFAULT_BNBA_TEMPLATE];
}

function cellValue(field: BnbaField, item: bnba.BatchItem, i: number, ids: { nik: string | null; kk: string | null }, regencyCode: string): string {
  switch (field) {
    case 'no': return String(i + 1);
    case 'nik': return ids.nik ?? '';
    case 'no_kk': return ids.kk ?? '';
    case 'nama': return item.fullName ?? '';
    case 'jenis_kelamin': return item.sex ?? '';
    case 'tempat_lahir': return item.birthPlace ?? '';
    case 'tanggal_lahir': return item.birthDate ?? '';
    case 'alamat': return item.address ?? '';
    case 'rt': return item.rt ?? '';
    case 'rw': return item.rw ?? '';
    case 'kode_wilayah': return item.villageCode;
    case 'provinsi': return item.provinceName;
    case 'kabupaten': return item.regencyName ?? regencyCode;
    case 'kecamatan': return item.districtName;
    case 'desa': return item.villageName;
    case 'program': return item.programmeName;
    case 'id_dtsen': return item.dtsenId ?? '';
    case 'desil': return item.decile === null ? '' : String(item.decile);
    case 'bulan_usulan': return item.batchMonth;
    case 'id_usulan': return item.id;
    case 'keterangan': return item.reason;
  }
}

/**
 * BNBA list of one batch as XLSX in the chosen column template. `full` is the upload
 * file for SIKS-NG: NIK and No. KK in clear, so each person's identifiers are revealed
 * through the people module (permission, per-person audit with the purpose) and the
 * approved usulan move to "sent". `masked` is a review list with masked identifiers.
 */
export async function exportBnba(ctx: Ctx, body: BnbaExportBody): Promise<{ exportId: string; rows: number; xlsx: Buffer }> {
  const full = body.mode === 'full';
  const permission = full ? 'usulan.export_bnba' : 'usulan.read';
  requireAccess(ctx.actor, permission, { areaCode: body.regencyCode });
  const columns = await templateFor(ctx, body.regencyCode, body.templateId);
  const items = await bnba.batchItems(
    ctx.db,
    { regencyCode: body.regencyCode, programmeCode: body.programmeCode, month: body.batchMonth, statuses: full ? ['approved', 'sent'] : ['approved', 'sent', 'set', 'rejected'] },
    scopeOf(ctx.actor, permission),
  );
  if (items.length === 0) {
    throw new AppError(409, 'bnba_empty', { id: 'Tidak ada usulan yang disetujui pada batch ini', en: 'No approved usulan in this batch' }, [
      { field: 'batchMonth', code: 'bnba.empty', message: { id: 'Batch kosong', en: 'Empty batch' } },
    ]);
  }
  const exportId = uuidv7();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pilar';
  const ws = wb.addWorksheet('BNBA');
  ws.columns = columns.map((c) => ({ header: c.header, key: c.field, width: Math.max(10, c.header.length + 4), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  const wantsKk = columns.some((c) => c.field === 'no_kk');
  for (const [i, item] of items.entries()) {
    let ids: { nik: string | null; kk: string | null } = { nik: item.nikMasked, kk: item.kkMasked };
    if (full) {
      ids = {
        nik: item.recipientPersonId && item.nikMasked ? (await revealNik(ctx, item.recipientPersonId, body.purpose)).nik : null,
        kk: wantsKk && item.householdId && item.kkMasked ? (await revealKk(ctx, item.householdId, body.purpose)).kk : null,
      };
      if (!ids.nik) {
        throw badRequest([{ field: 'batchMonth', code: 'bnba.nik_missing', message: { id: `Usulan ${item.id} tidak memiliki NIK; lengkapi data orangnya dulu`, en: `Usulan ${item.id} has no NIK; complete the person's record first` } }]);
      }
      const set = { export_id: exportId, sent_at: ctx.clock.now(), nik_hash_sent: ctx.ids.hash('nik', ids.nik) };
      const row = (await store.find(ctx.db, item.id, ['ID']))!;
      await applyStep(ctx, row, 'send', { version: null, set, details: { exportId } });
    }
    ws.addRow(Object.fromEntries(columns.map((c) => [c.field, cellValue(c.field, item, i, ids, body.regencyCode)])));
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  await bnba.insertExport(ctx.db, {
    regencyCode: body.regencyCode, id: exportId, programmeCode: body.programmeCode, month: body.batchMonth, mode: body.mode, columns, purpose: body.purpose,
    rowCount: items.length, sha256: createHash('sha256').update(xlsx).digest(), at: ctx.clock.now(), by: ctx.actor.userId,
  });
  ctx.audit.record({
    action: full ? 'usulan.bnba_exported' : 'usulan.bnba_previewed',
    entityType: 'bnba_export',
    entityId: exportId,
    regencyCode: body.regencyCode,
    purpose: body.purpose,
    details: { programme: body.programmeCode, batchMonth: body.batchMonth, rows: items.length, mode: body.mode, ids: items.map((i) => i.id) },
  });
  return { exportId, rows: items.length, xlsx };
}
