import type { Fulfil } from '@pilar/domain/contracts';
import { requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest } from '../../platform/errors';
import { localDate } from '../cases/dates';
import { withdrawConsent } from '../people/consent.service';
import { loadInScope, updatePerson } from '../people/people.service';
import { anonymisePerson, setRestricted, withOverride } from '../people/privacy-hooks';
import { activeHoldsForPerson } from './retention.store';
import { alreadyClosed, getRequest, loadRequest, staleVersion } from './requests.service';
import * as store from './requests.store';

/**
 * What an erasure keeps, and why (UU PDP Pasal 8 and 43: erasure unless another law
 * requires keeping the data). Recorded on the request as its retention note.
 */
export const KEPT_AFTER_ERASURE: { what: string; legalBasis: string }[] = [
  { what: 'Baris kasus PPKS (kategori, status, tanggal, desa) tanpa isi bebas; angka kasus dalam rollup dasbor', legalBasis: 'Permensos 9/2018 (pelaporan SPM bidang sosial) dan PP 2/2018: kewajiban pelaporan capaian layanan' },
  { what: 'Catatan layanan yang diberikan (jenis, jumlah, satuan, tanggal)', legalBasis: 'Pertanggungjawaban bantuan dan layanan sosial (UU 11/2009 Kesejahteraan Sosial; pemeriksaan keuangan negara)' },
  { what: 'Catatan dasar pemrosesan (dasar hukum, tujuan, tanggal) tanpa nama wali', legalBasis: 'Bukti pemrosesan yang sah, UU PDP Pasal 20 dan 24' },
  { what: 'Jejak audit (siapa memproses apa dan kapan), termasuk permintaan ini', legalBasis: 'UU PDP Pasal 31 (rekam pemrosesan) dan 35–39 (keamanan); retensi 10 tahun' },
  { what: 'Record orang tanpa identitas (nama "Dihapus", id acak, desa)', legalBasis: 'Agar angka kasus dan jejak audit tetap merujuk pada satu record yang tidak lagi mengidentifikasi siapa pun (anonimisasi, UU PDP Pasal 43(2))' },
];

const missing = (field: string, id: string, en: string) => badRequest([{ field, code: `${field}.required`, message: { id, en } }]);

/**
 * Carries out the request (the DPO): restriction, erasure, correction or consent
 * withdrawal take effect here; an access request is answered by the export and the
 * letter. Only after the identity check.
 */
export async function fulfilRequest(ctx: Ctx, id: string, input: Fulfil) {
  const r = await loadRequest(ctx, id);
  if (r.status === 'answered' || r.status === 'refused') throw alreadyClosed();
  if (r.status !== 'identity_verified') {
    throw new AppError(409, 'identity_not_checked', {
      id: 'Periksa dan catat identitas pemohon sebelum menjawab permintaan',
      en: 'Check and record the requester’s identity before answering the request',
    });
  }
  const key = { regencyCode: r.regencyCode, id: r.personId };
  let retentionNote: { removed: Record<string, string[]>; kept: typeof KEPT_AFTER_ERASURE; filesDeleted: number } | null = null;
  const effect: Record<string, unknown> = {};
  switch (r.kind) {
    case 'access':
      break;
    case 'correction': {
      if (!input.correction) throw missing('correction', 'Isi perubahan yang diminta', 'Give the requested changes');
      // The DPO may correct a restricted record too (UU PDP Pasal 6 and 11 together).
      const after = await withOverride(ctx.db, () => updatePerson(ctx, r.personId, input.correction!));
      effect.fields = Object.keys(input.correction).filter((k) => k !== 'version' && k !== 'nik').sort();
      effect.personVersion = after.version;
      break;
    }
    case 'restriction': {
      await loadInScope(ctx, r.personId, 'privacy.manage');
      if (!(await setRestricted(ctx, key, true))) {
        throw new AppError(409, 'already_restricted', { id: 'Pemrosesan data orang ini sudah dibatasi', en: 'Processing of this person’s data is already restricted' });
      }
      ctx.audit.record({ action: 'privacy.person_restricted', entityType: 'person', entityId: r.personId, personId: r.personId, regencyCode: r.regencyCode, purpose: 'permintaan_subjek_data', details: { requestId: id } });
      break;
    }
    case 'deletion': {
      await loadInScope(ctx, r.personId, 'privacy.manage');
      const holds = await activeHoldsForPerson(ctx.db, key);
      if (holds > 0) {
        throw new AppError(409, 'legal_hold', {
          id: 'Data orang ini sedang ditahan (legal hold); hapus setelah penahanan dicabut, atau tolak permintaan dengan alasan',
          en: 'This person’s data is under a legal hold; erase it once the hold is released, or refuse the request with a reason',
        });
      }
      const report = await anonymisePerson(ctx, key);
      retentionNote = { removed: report.cleared, kept: KEPT_AFTER_ERASURE, filesDeleted: report.filesDeleted };
      effect.rows = report.rows;
      ctx.audit.record({ action: 'privacy.person_anonymised', entityType: 'person', entityId: r.personId, personId: r.personId, regencyCode: r.regencyCode, purpose: 'permintaan_subjek_data', details: { requestId: id, rows: report.rows, filesDeleted: report.filesDeleted } });
      break;
    }
    case 'consent_withdrawal': {
      if (!input.consentId) throw missing('consentId', 'Pilih catatan persetujuan yang ditarik', 'Choose the consent record being withdrawn');
      const withdrawnOn = input.withdrawnOn ?? localDate(ctx.clock.now(), r.villageCode);
      await withOverride(ctx.db, () => withdrawConsent(ctx, r.personId, input.consentId!, { withdrawnOn }));
      effect.consentId = input.consentId;
      break;
    }
    default: {
      const never: never = r.kind;
      throw new Error(`unknown request kind ${String(never)}`);
    }
  }
  const now = ctx.clock.now();
  const ok = await store.update(ctx.db, { regencyCode: r.regencyCode, id, version: input.version }, {
    status: 'answered',
    answered_at: now,
    answer_summary: input.summary,
    retention_note: retentionNote ? JSON.stringify(retentionNote) : null,
  });
  if (!ok) throw staleVersion(r.version);
  ctx.audit.record({
    action: 'privacy.request_answered',
    entityType: 'subject_request',
    entityId: id,
    personId: r.personId,
    regencyCode: r.regencyCode,
    purpose: 'permintaan_subjek_data',
    details: { kind: r.kind, onTime: now.getTime() <= new Date(r.dueAt).getTime(), ...effect },
  });
  return getRequest(ctx, id);
}

/** Lifts a restriction (the person asked, or the reason ended); the record becomes editable and listed again. */
export async function liftRestriction(ctx: Ctx, personId: string, reason: string) {
  requireAccess(ctx.actor, 'privacy.manage');
  const p = await loadInScope(ctx, personId, 'privacy.manage');
  if (!(await setRestricted(ctx, { regencyCode: p.regencyCode, id: p.id }, false))) {
    throw new AppError(409, 'not_restricted', { id: 'Pemrosesan data orang ini tidak sedang dibatasi', en: 'Processing of this person’s data is not restricted' });
  }
  ctx.audit.record({ action: 'privacy.restriction_lifted', entityType: 'person', entityId: p.id, personId: p.id, regencyCode: p.regencyCode, purpose: reason });
  return { personId: p.id, status: 'active' as const };
}
