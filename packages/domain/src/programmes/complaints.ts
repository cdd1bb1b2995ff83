/**
 * Complaints (pengaduan) about social assistance, as taken at SLRT/Puskesos desks and
 * in Cek Bansos objections (DOMAIN.md §3, §8). Categories and stage targets are [U]:
 * editable reference data; these are the seed values.
 */
import { issue, type Issue } from '../messages';

export const COMPLAINT_CATEGORIES = {
  belum_terdaftar: { id: 'Belum terdaftar', en: 'Not registered' },
  salah_sasaran: { id: 'Tidak masuk padahal layak (exclusion error)', en: 'Wrongly excluded' },
  bantuan_tidak_diterima: { id: 'Bantuan tidak diterima', en: 'Aid not received' },
  pbi_jk_nonaktif: { id: 'PBI-JK dinonaktifkan', en: 'PBI-JK deactivated' },
  kesalahan_data: { id: 'Kesalahan data', en: 'Data error' },
  lainnya: { id: 'Lainnya', en: 'Other' },
} as const;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;
export const COMPLAINT_CATEGORY_CODES = Object.keys(COMPLAINT_CATEGORIES) as ComplaintCategory[];

export const COMPLAINT_STAGES = ['diterima', 'diverifikasi', 'ditindaklanjuti', 'selesai', 'ditutup'] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

/** Target time to leave each open stage, in hours [U] (working practice, not regulation). */
export const COMPLAINT_STAGE_TARGET_HOURS: Readonly<Record<ComplaintStage, number | null>> = {
  diterima: 72, // verified within 3×24 h
  diverifikasi: 7 * 24,
  ditindaklanjuti: 14 * 24,
  selesai: 7 * 24, // closed (filer informed) within a week
  ditutup: null,
};

export const COMPLAINT_STAGE_LABELS: Readonly<Record<ComplaintStage, { id: string; en: string }>> = {
  diterima: { id: 'Diterima', en: 'Received' },
  diverifikasi: { id: 'Diverifikasi', en: 'Verified' },
  ditindaklanjuti: { id: 'Ditindaklanjuti', en: 'Being handled' },
  selesai: { id: 'Selesai (hasil dicatat)', en: 'Resolved (outcome recorded)' },
  ditutup: { id: 'Ditutup', en: 'Closed' },
};

export const COMPLAINT_OUTCOMES = ['terselesaikan', 'dirujuk', 'tidak_terbukti', 'tidak_dapat_ditindaklanjuti'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

const NEXT: Readonly<Record<ComplaintStage, readonly ComplaintStage[]>> = {
  diterima: ['diverifikasi', 'selesai'],
  diverifikasi: ['ditindaklanjuti', 'selesai'],
  ditindaklanjuti: ['selesai'],
  selesai: ['ditutup', 'ditindaklanjuti'],
  ditutup: [],
};

/** Checks a stage move; reaching `selesai` needs the outcome, every move a public note is optional. */
export function planComplaintStage(from: ComplaintStage, to: ComplaintStage, input: { outcome?: string | null; outcomeNote?: string | null }): Issue[] {
  if (!NEXT[from].includes(to)) {
    return [issue('complaint.stage', 'stage', `Tahap ${COMPLAINT_STAGE_LABELS[from].id} tidak dapat berpindah ke ${COMPLAINT_STAGE_LABELS[to].id}`, `Cannot move from ${COMPLAINT_STAGE_LABELS[from].en} to ${COMPLAINT_STAGE_LABELS[to].en}`)];
  }
  const errors: Issue[] = [];
  if (to === 'selesai' && !(COMPLAINT_OUTCOMES as readonly string[]).includes(input.outcome ?? '')) {
    errors.push(issue('complaint.outcome', 'outcome', `Pilih hasil: ${COMPLAINT_OUTCOMES.join(', ')}`, `Choose an outcome: ${COMPLAINT_OUTCOMES.join(', ')}`));
  }
  if (to === 'selesai' && !input.outcomeNote?.trim()) {
    errors.push(issue('complaint.outcome_note', 'outcomeNote', 'Tuliskan hasil penanganan untuk pelapor', 'Describe the outcome for the filer'));
  }
  return errors;
}

/** When a stage entered at `enteredAt` is due (null for the final stage). */
export function stageDueAt(stage: ComplaintStage, enteredAt: Date): Date | null {
  const h = COMPLAINT_STAGE_TARGET_HOURS[stage];
  return h === null ? null : new Date(enteredAt.getTime() + h * 3_600_000);
}

/**
 * Tracking codes: 20 symbols of Crockford base32 (100 bits), shown as five groups of
 * four. Unguessable by enumeration; no 0/O or 1/I/L confusion when read aloud.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/** Formats 20 random bytes (only 5 bits of each are used) as a tracking code. */
export function formatTrackingCode(random: Uint8Array): string {
  if (random.length < 20) throw new Error('need 20 random bytes');
  const chars = Array.from(random.slice(0, 20), (b) => ALPHABET[b & 31]);
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Accepts what a person types (lower case, spaces, O for 0, I/L for 1) and returns the canonical code, or null. */
export function normaliseTrackingCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(raw)) return null;
  return [0, 4, 8, 12, 16].map((i) => raw.slice(i, i + 4)).join('-');
}
