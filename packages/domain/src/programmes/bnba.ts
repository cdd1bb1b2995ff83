/**
 * BNBA (by-name-by-address) lists exchanged with SIKS-NG by spreadsheet (DOMAIN.md §3:
 * there is no public API). The column order and headers SIKS-NG expects change over
 * time [U], so a template is data: which field goes in which column under which header.
 * The default below is the seed; a Dinsos edits its own copy.
 */
import { issue, type Issue } from '../messages';

export const BNBA_FIELDS = {
  no: { id: 'Nomor urut', en: 'Row number', sensitive: false },
  nik: { id: 'NIK (lengkap pada ekspor untuk unggah SIKS-NG)', en: 'NIK (full in the upload export)', sensitive: true },
  no_kk: { id: 'No. KK', en: 'Family card number', sensitive: true },
  nama: { id: 'Nama lengkap', en: 'Full name', sensitive: false },
  jenis_kelamin: { id: 'Jenis kelamin (L/P)', en: 'Sex (L/P)', sensitive: false },
  tempat_lahir: { id: 'Tempat lahir', en: 'Place of birth', sensitive: false },
  tanggal_lahir: { id: 'Tanggal lahir', en: 'Date of birth', sensitive: false },
  alamat: { id: 'Alamat', en: 'Address', sensitive: false },
  rt: { id: 'RT', en: 'RT', sensitive: false },
  rw: { id: 'RW', en: 'RW', sensitive: false },
  kode_wilayah: { id: 'Kode desa/kelurahan Kemendagri', en: 'Village code (Kemendagri)', sensitive: false },
  provinsi: { id: 'Provinsi', en: 'Province', sensitive: false },
  kabupaten: { id: 'Kabupaten/kota', en: 'Regency/city', sensitive: false },
  kecamatan: { id: 'Kecamatan', en: 'District', sensitive: false },
  desa: { id: 'Desa/kelurahan', en: 'Village', sensitive: false },
  program: { id: 'Program bantuan', en: 'Programme', sensitive: false },
  id_dtsen: { id: 'ID DTKS/DTSEN bila ada', en: 'DTKS/DTSEN id if known', sensitive: false },
  desil: { id: 'Desil kesejahteraan (1–10)', en: 'Welfare decile (1–10)', sensitive: false },
  bulan_usulan: { id: 'Bulan usulan (batch)', en: 'Proposal batch month', sensitive: false },
  id_usulan: { id: 'ID usulan Pilar (untuk mencocokkan hasil)', en: 'Pilar usulan id (matches the results back)', sensitive: false },
  keterangan: { id: 'Keterangan / alasan usulan', en: 'Note / reason', sensitive: false },
} as const;
export type BnbaField = keyof typeof BNBA_FIELDS;
export const BNBA_FIELD_KEYS = Object.keys(BNBA_FIELDS) as BnbaField[];

export interface BnbaColumn {
  field: BnbaField;
  header: string;
}

/** The seed template, in the order of a SIKS-NG usulan upload sheet [U]. */
export const DEFAULT_BNBA_TEMPLATE: readonly BnbaColumn[] = Object.freeze([
  { field: 'no', header: 'NO' },
  { field: 'nik', header: 'NIK' },
  { field: 'no_kk', header: 'NO_KK' },
  { field: 'nama', header: 'NAMA' },
  { field: 'jenis_kelamin', header: 'JENIS_KELAMIN' },
  { field: 'tempat_lahir', header: 'TEMPAT_LAHIR' },
  { field: 'tanggal_lahir', header: 'TANGGAL_LAHIR' },
  { field: 'alamat', header: 'ALAMAT' },
  { field: 'rt', header: 'RT' },
  { field: 'rw', header: 'RW' },
  { field: 'kode_wilayah', header: 'KODE_WILAYAH' },
  { field: 'provinsi', header: 'PROVINSI' },
  { field: 'kabupaten', header: 'KABUPATEN_KOTA' },
  { field: 'kecamatan', header: 'KECAMATAN' },
  { field: 'desa', header: 'DESA_KELURAHAN' },
  { field: 'program', header: 'PROGRAM' },
  { field: 'id_dtsen', header: 'ID_DTSEN' },
  { field: 'bulan_usulan', header: 'BULAN_USULAN' },
  { field: 'id_usulan', header: 'ID_USULAN' },
]);

/** A template must carry the NIK and the usulan id (results are matched on them), once each. */
export function validateBnbaTemplate(columns: readonly BnbaColumn[]): Issue[] {
  const errors: Issue[] = [];
  const fields = columns.map((c) => c.field);
  for (const required of ['nik', 'id_usulan'] as const) {
    if (!fields.includes(required)) {
      errors.push(issue('bnba.required_column', 'columns', `Templat wajib memuat kolom ${required}`, `The template must contain the ${required} column`));
    }
  }
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (seen.has(c.field)) errors.push(issue('bnba.duplicate_field', `columns.${i}.field`, `Kolom ${c.field} muncul dua kali`, `Field ${c.field} appears twice`));
    seen.add(c.field);
  });
  const headers = new Set<string>();
  columns.forEach((c, i) => {
    const h = c.header.trim().toUpperCase();
    if (headers.has(h)) errors.push(issue('bnba.duplicate_header', `columns.${i}.header`, `Judul kolom ${c.header} dipakai dua kali`, `Header ${c.header} is used twice`));
    headers.add(h);
  });
  return errors;
}

/** How a SIKS-NG result cell reads, in the words offices actually use. */
export function parseResultStatus(raw: string): 'set' | 'rejected' | null {
  const v = raw.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (['ditetapkan', 'tetap', 'set', 'layak', 'sesuai', 'disetujui', 'approved'].includes(v)) return 'set';
  if (['ditolak', 'tolak', 'rejected', 'tidak layak', 'tidak sesuai', 'tidak ditetapkan'].includes(v)) return 'rejected';
  return null;
}

/** Headers recognised for the result columns of an imported file (besides the template's own NIK / id headers). */
export const RESULT_STATUS_HEADERS = ['STATUS', 'HASIL', 'STATUS_USULAN', 'KEPUTUSAN'];
export const RESULT_REASON_HEADERS = ['ALASAN', 'KETERANGAN', 'ALASAN_PENOLAKAN', 'CATATAN'];
