import { buildRopa, type PrivacyOfficeUpdate, type Ropa } from '@pilar/domain/contracts';
import { isWithin } from '@pilar/domain';
import { requireAccess, scopeOf } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { badRequest } from '../../platform/errors';

/**
 * Governance (checklist points 5 and 9): the purpose registry, the data protection
 * officer's contact (UU PDP Pasal 53–54), the record of processing (Pasal 31) and
 * the DPIA template (Pasal 34).
 */
export async function purposes(db: Queryable, activeOnly = false) {
  const { rows } = await db.query(
    `SELECT code, label_id, label_en, legal_basis, legal_reference, active FROM privacy_purpose ${activeOnly ? 'WHERE active' : ''} ORDER BY code`,
  );
  return rows.map((r) => ({ code: r.code as string, label: { id: r.label_id as string, en: r.label_en as string }, legalBasis: r.legal_basis as string, legalReference: r.legal_reference as string, active: r.active as boolean }));
}

/** The purpose registry; any signed-in user (exports, reports and integrations pick from it). */
export async function listPurposes(ctx: Ctx) {
  if (ctx.actor.kind === 'anonymous') requireAccess(ctx.actor, 'privacy.manage');
  return { items: await purposes(ctx.db) };
}

/** Whether `code` is a declared, active purpose (for other modules: exports, reports, integrations). */
export async function isDeclaredPurpose(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM privacy_purpose WHERE code = $1 AND active`, [code]);
  return rows.length > 0;
}

export async function offices(db: Queryable) {
  const { rows } = await db.query(
    `SELECT area_code AS "areaCode", office_name AS "officeName", address, dpo_name AS "dpoName", dpo_email AS "dpoEmail", dpo_phone AS "dpoPhone", updated_at AS "updatedAt"
     FROM privacy_office ORDER BY area_code`,
  );
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })) as {
    areaCode: string; officeName: string; address: string | null; dpoName: string; dpoEmail: string; dpoPhone: string | null; updatedAt: string;
  }[];
}

/** The office for an area: the most specific one containing it, else the installation's. */
export async function officeFor(db: Queryable, areaCode: string) {
  const all = await offices(db);
  return all.filter((o) => o.areaCode === 'ID' || isWithin(areaCode, o.areaCode)).sort((a, b) => b.areaCode.length - a.areaCode.length)[0] ?? null;
}

export async function listOffices(ctx: Ctx) {
  requireAccess(ctx.actor, 'privacy.manage');
  return { items: await offices(ctx.db) };
}

export async function setOffice(ctx: Ctx, input: PrivacyOfficeUpdate) {
  requireAccess(ctx.actor, 'privacy.manage');
  if (!scopeOf(ctx.actor, 'privacy.manage').some((s) => s === 'ID' || isWithin(input.areaCode, s))) {
    throw badRequest([{ field: 'areaCode', code: 'outside_scope', message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' } }]);
  }
  if (input.areaCode !== 'ID') {
    const { rows } = await ctx.db.query(`SELECT 1 FROM area WHERE code = $1`, [input.areaCode]);
    if (!rows.length) throw badRequest([{ field: 'areaCode', code: 'area.unknown', message: { id: 'Kode wilayah tidak dikenal', en: 'Unknown area code' } }]);
  }
  await ctx.db.query(
    `INSERT INTO privacy_office (area_code, office_name, address, dpo_name, dpo_email, dpo_phone, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (area_code) DO UPDATE SET office_name = EXCLUDED.office_name, address = EXCLUDED.address, dpo_name = EXCLUDED.dpo_name,
       dpo_email = EXCLUDED.dpo_email, dpo_phone = EXCLUDED.dpo_phone, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [input.areaCode, input.officeName, input.address ?? null, input.dpoName, input.dpoEmail, input.dpoPhone ?? null, ctx.clock.now(), ctx.actor.userId],
  );
  ctx.audit.record({ action: 'privacy.office_updated', entityType: 'privacy_office', entityId: input.areaCode });
  return (await offices(ctx.db)).find((o) => o.areaCode === input.areaCode)!;
}

const SUMMARY = {
  id: [
    'Pilar dipakai Dinas Sosial, Pekerja Sosial Masyarakat (PSM) dan IPSM untuk mendata dan melayani warga yang memerlukan pelayanan kesejahteraan sosial.',
    'Dasar utamanya adalah pelaksanaan tugas pemerintahan (UU PDP Pasal 20 ayat 2 huruf e); persetujuan dicatat bila menjadi dasar, untuk anak oleh orang tua atau wali.',
    'Data anak, kesehatan, disabilitas dan catatan kejahatan adalah data pribadi spesifik: dilindungi lebih ketat, NIK disimpan terenkripsi.',
    'Setiap pembacaan, perubahan dan ekspor data Anda tercatat. Anda dapat meminta salinan data dan riwayat pemrosesannya, perbaikan, pembatasan, penghapusan, atau menarik persetujuan; kami menjawab paling lambat 3 x 24 jam.',
    'Bila terjadi kegagalan pelindungan data, kami memberi tahu Anda dan lembaga pengawas paling lambat 3 x 24 jam.',
  ],
  en: [
    'Pilar is used by Dinas Sosial, community social workers (PSM) and IPSM to register and serve residents who need social welfare services.',
    'The main legal basis is a public task (UU PDP Art. 20(2)(e)); consent is recorded where it is the basis, for children by a parent or guardian.',
    "Children's, health, disability and criminal-record data are specific personal data: protected more strictly, the NIK is stored encrypted.",
    'Every read, change and export of your data is recorded. You may ask for a copy of your data and its processing history, correction, restriction, erasure, or withdraw consent; we answer within 3 × 24 hours.',
    'If a breach occurs we notify you and the supervisory authority within 3 × 24 hours.',
  ],
};

const RIGHTS = [
  { id: 'Akses data dan riwayat pemrosesan (Pasal 7)', en: 'Access to the data and its processing history (Art. 7)' },
  { id: 'Perbaikan data (Pasal 6)', en: 'Correction (Art. 6)' },
  { id: 'Penghapusan dan pemusnahan (Pasal 8)', en: 'Erasure (Art. 8)' },
  { id: 'Penarikan persetujuan (Pasal 9)', en: 'Withdrawal of consent (Art. 9)' },
  { id: 'Pembatasan pemrosesan (Pasal 11)', en: 'Restriction of processing (Art. 11)' },
];

/** The public page (no login): the DPO's contact, a plain-language summary, rights and purposes. */
export async function publicPrivacy(db: Queryable) {
  return {
    offices: (await offices(db)).map(({ updatedAt: _u, ...o }) => o),
    summary: SUMMARY,
    rights: RIGHTS,
    purposes: (await purposes(db, true)).map((p) => ({ code: p.code, label: p.label, legalBasis: p.legalBasis })),
  };
}

/** The record of processing activities, from purposes, catalogue, roles and retention. */
export async function recordOfProcessing(ctx: Ctx): Promise<Ropa> {
  requireAccess(ctx.actor, 'privacy.manage');
  const office = await officeFor(ctx.db, scopeOf(ctx.actor, 'privacy.manage')[0] ?? 'ID');
  const { rows } = await ctx.db.query(`SELECT record_type, label_id, keep_days, action, legal_basis FROM retention_rule WHERE enabled ORDER BY record_type`);
  ctx.audit.record({ action: 'privacy.ropa_generated', entityType: 'privacy_ropa' });
  return buildRopa({
    controller: { name: office?.officeName ?? 'Dinas Sosial', address: office?.address ?? null, dpo: office ? { name: office.dpoName, email: office.dpoEmail, phone: office.dpoPhone } : null },
    now: ctx.clock.now(),
    purposes: (await purposes(ctx.db, true)).map((p) => ({ code: p.code, labelId: p.label.id, labelEn: p.label.en, legalBasis: p.legalBasis, legalReference: p.legalReference })),
    retention: rows.map((r) => ({ recordType: r.record_type, labelId: r.label_id, keepDays: r.keep_days, action: r.action, legalBasis: r.legal_basis })),
  });
}

/** A DPIA template (UU PDP Pasal 34) in Markdown, pre-filled from the record of processing. */
export async function dpiaTemplate(ctx: Ctx): Promise<string> {
  const ropa = await recordOfProcessing(ctx);
  const spesifik = ropa.dataCategories.filter((c) => c.classification === 'spesifik');
  return [
    '# Penilaian Dampak Pelindungan Data Pribadi (DPIA)',
    '',
    `Pengendali: ${ropa.controller.name} · Dibuat: ${ropa.generatedAt.slice(0, 10)} · Dasar: UU No. 27 Tahun 2022 Pasal 34`,
    '',
    '## 1. Deskripsi pemrosesan',
    'Tujuan (dari registri tujuan):',
    ...ropa.purposes.map((p) => `- ${p.labelId} (${p.code}) — dasar: ${p.legalBasis}; ${p.legalReference}`),
    '',
    '## 2. Data pribadi spesifik yang diproses (Pasal 4 ayat 2)',
    ...spesifik.map((c) => `- ${c.labelId}: ${c.fields.join(', ')}${c.ppksCodes.length ? ` (PPKS ${c.ppksCodes.join(', ')})` : ''}`),
    '',
    '## 3. Skala dan pencocokan data',
    '- Jumlah subjek data (perkiraan): …',
    '- Pencocokan/penggabungan dengan DTSEN/SIKS-NG (BNBA): …',
    '',
    '## 4. Risiko bagi subjek data',
    '| Risiko | Kemungkinan | Dampak | Tindakan pengendalian |',
    '|---|---|---|---|',
    '| Akses tidak sah oleh pengguna | … | … | Cakupan per peran dan wilayah, RLS, audit |',
    '| Kebocoran ekspor | … | … | Tujuan wajib pada ekspor, NIK tersamar |',
    '| Perangkat PSM hilang | … | … | Data perangkat dibatasi, sesi dapat dicabut |',
    '',
    '## 5. Peran dengan akses',
    ...ropa.roles.map((r) => `- ${r.role}: ${r.permissions.map((p) => p.code).join(', ')}`),
    '',
    '## 6. Retensi',
    ...ropa.retention.map((r) => `- ${r.labelId}: ${r.keepDays} hari, ${r.action} — ${r.legalBasis}`),
    '',
    '## 7. Kesimpulan dan persetujuan',
    `- Pejabat Pelindungan Data: ${ropa.controller.dpo?.name ?? '…'}`,
    '- Keputusan: …',
    '',
  ].join('\n');
}
