import { normalizeLabel } from '@pilar/domain';
import type { ImportField, ImportMapping, ImportTarget } from '@pilar/domain/contracts';

/**
 * What each import target reads, with the header names met in DTKS/BNBA lists and
 * office spreadsheets. Matching ignores case, spacing and punctuation.
 */
const PERSON_FIELDS: ImportField[] = [
  {
    key: 'nik',
    label: 'NIK',
    required: true,
    aliases: ['NIK', 'No NIK', 'Nomor NIK', 'Nomor Induk Kependudukan', 'NIK ART', 'NIK Penerima'],
  },
  {
    key: 'kk',
    label: 'No. KK',
    required: false,
    aliases: ['No KK', 'Nomor KK', 'No. Kartu Keluarga', 'Nomor Kartu Keluarga', 'KK', 'NoKK', 'NKK'],
  },
  {
    key: 'fullName',
    label: 'Nama',
    required: true,
    aliases: ['Nama', 'Nama Lengkap', 'Nama ART', 'Nama Penerima', 'Nama Sesuai KTP'],
  },
  { key: 'sex', label: 'Jenis Kelamin', required: false, aliases: ['Jenis Kelamin', 'JK', 'L/P', 'Kelamin', 'Sex', 'Gender'] },
  { key: 'birthPlace', label: 'Tempat Lahir', required: false, aliases: ['Tempat Lahir', 'Tmp Lahir', 'Tmpt Lahir'] },
  {
    key: 'birthDate',
    label: 'Tanggal Lahir',
    required: false,
    aliases: ['Tanggal Lahir', 'Tgl Lahir', 'Tgl. Lahir', 'Tanggal Lahir (dd-mm-yyyy)'],
  },
  { key: 'address', label: 'Alamat', required: false, aliases: ['Alamat', 'Alamat Lengkap', 'Alamat Rumah'] },
  { key: 'rt', label: 'RT', required: false, aliases: ['RT'] },
  { key: 'rw', label: 'RW', required: false, aliases: ['RW'] },
  {
    key: 'villageCode',
    label: 'Kode Desa/Kelurahan',
    required: false,
    aliases: ['Kode Desa', 'Kode Kelurahan', 'Kode Desa/Kelurahan', 'Kode Wilayah', 'Kd Desa', 'Kode Kemendagri'],
  },
  {
    key: 'villageName',
    label: 'Desa/Kelurahan',
    required: false,
    aliases: ['Desa', 'Kelurahan', 'Desa/Kelurahan', 'Nama Desa', 'Nama Kelurahan', 'Kel/Desa', 'Desa/Kel'],
  },
  { key: 'districtName', label: 'Kecamatan', required: false, aliases: ['Kecamatan', 'Nama Kecamatan', 'Kec'] },
  {
    key: 'regencyName',
    label: 'Kabupaten/Kota',
    required: false,
    aliases: ['Kabupaten/Kota', 'Kabupaten', 'Kota', 'Kab/Kota', 'Nama Kabupaten'],
  },
  {
    key: 'ppks',
    label: 'Kategori PPKS',
    required: false,
    aliases: ['Kategori PPKS', 'PPKS', 'Jenis PPKS', 'Kategori', 'PMKS', 'Jenis PMKS'],
  },
  {
    key: 'relationship',
    label: 'Hubungan Keluarga',
    required: false,
    aliases: ['Hubungan Keluarga', 'Hubungan dengan Kepala Keluarga', 'SHDK', 'Status Hubungan', 'Hub KK'],
  },
  { key: 'phone', label: 'No. HP', required: false, aliases: ['No HP', 'No. HP', 'Telepon', 'No Telp', 'HP'] },
];

/** The PSM registry's own template (members.import.ts IMPORT_COLUMNS) plus common variants. */
const MEMBER_FIELDS: ImportField[] = [
  { key: 'nik', label: 'NIK', required: true, aliases: ['NIK', 'No NIK', 'Nomor Induk Kependudukan'] },
  { key: 'fullName', label: 'Nama Lengkap', required: true, aliases: ['Nama Lengkap', 'Nama', 'Nama PSM'] },
  { key: 'sex', label: 'Jenis Kelamin', required: true, aliases: ['Jenis Kelamin (L/P)', 'Jenis Kelamin', 'JK', 'L/P'] },
  {
    key: 'birthDate',
    label: 'Tanggal Lahir',
    required: true,
    aliases: ['Tanggal Lahir (YYYY-MM-DD)', 'Tanggal Lahir', 'Tgl Lahir'],
  },
  {
    key: 'villageCode',
    label: 'Kode Desa/Kelurahan',
    required: true,
    aliases: ['Kode Desa/Kelurahan', 'Kode Desa', 'Kode Kelurahan', 'Kode Wilayah'],
  },
  { key: 'rw', label: 'RW', required: false, aliases: ['RW'] },
  { key: 'phone', label: 'No. HP', required: false, aliases: ['No. HP', 'No HP', 'Telepon'] },
  { key: 'address', label: 'Alamat', required: false, aliases: ['Alamat'] },
  { key: 'skNumber', label: 'No. SK Desa/Kelurahan', required: false, aliases: ['No. SK Desa/Kelurahan', 'No SK', 'Nomor SK'] },
  { key: 'skDate', label: 'Tanggal SK', required: false, aliases: ['Tanggal SK (YYYY-MM-DD)', 'Tanggal SK', 'Tgl SK'] },
  { key: 'skIssuer', label: 'Penerbit SK', required: false, aliases: ['Penerbit SK'] },
];

/** Programme lists (SIKS-NG, DTSEN extracts, office sheets): who is in which programme. */
const PROGRAMME_MEMBERSHIP_FIELDS: ImportField[] = [
  { key: 'nik', label: 'NIK', required: true, aliases: ['NIK', 'No NIK', 'NIK KPM', 'NIK Penerima', 'NIK ART', 'Nomor Induk Kependudukan'] },
  {
    key: 'programme',
    label: 'Program',
    required: true,
    aliases: ['Program', 'Nama Program', 'Jenis Bantuan', 'Bansos', 'Program Bantuan', 'Jenis Program'],
  },
  { key: 'status', label: 'Status', required: false, aliases: ['Status', 'Status Kepesertaan', 'Status Penerima'] },
  { key: 'periodStart', label: 'Mulai', required: false, aliases: ['Mulai', 'Periode Mulai', 'Tanggal Mulai', 'TMT'] },
  { key: 'periodEnd', label: 'Selesai', required: false, aliases: ['Selesai', 'Periode Akhir', 'Tanggal Selesai', 'Tanggal Berhenti'] },
  { key: 'dtsenId', label: 'ID DTSEN', required: false, aliases: ['ID DTSEN', 'ID DTKS', 'IDDTKS', 'ID Keluarga', 'ID ART'] },
  { key: 'kks', label: 'No. KKS', required: false, aliases: ['No KKS', 'No. KKS', 'Nomor KKS', 'KKS'] },
  { key: 'decile', label: 'Desil', required: false, aliases: ['Desil', 'Desil Kesejahteraan', 'Peringkat Kesejahteraan'] },
  { key: 'source', label: 'Sumber', required: false, aliases: ['Sumber', 'Sumber Data'] },
  { key: 'infoDate', label: 'Tanggal Data', required: false, aliases: ['Tanggal Data', 'Tanggal Informasi', 'Per Tanggal', 'Tgl Data'] },
  { key: 'note', label: 'Catatan', required: false, aliases: ['Catatan', 'Keterangan', 'Ket'] },
];

export function fieldsOf(target: ImportTarget): ImportField[] {
  switch (target) {
    case 'persons':
      return PERSON_FIELDS;
    case 'members':
      return MEMBER_FIELDS;
    case 'programme_memberships':
      return PROGRAMME_MEMBERSHIP_FIELDS;
  }
}

export function knownHeaders(target: ImportTarget): Set<string> {
  return new Set(fieldsOf(target).flatMap((f) => [f.label, ...f.aliases].map(normalizeLabel)));
}

/** Field → column by header name; the first column wins, each column is used once. */
export function autoMap(target: ImportTarget, headers: string[]): ImportMapping {
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  const normalized = headers.map((h) => normalizeLabel(h ?? ''));
  for (const f of fieldsOf(target)) {
    const names = new Set([f.label, ...f.aliases].map(normalizeLabel));
    const col = normalized.findIndex((h, i) => !used.has(i) && names.has(h));
    if (col >= 0) {
      mapping[f.key] = col;
      used.add(col);
    }
  }
  return mapping;
}

/** A saved template (field → header name) applied to this file's headers. */
export function applyTemplate(template: Record<string, string>, headers: string[]): ImportMapping {
  const normalized = headers.map((h) => normalizeLabel(h ?? ''));
  const mapping: ImportMapping = {};
  for (const [field, header] of Object.entries(template)) {
    const col = normalized.indexOf(normalizeLabel(header));
    if (col >= 0) mapping[field] = col;
  }
  return mapping;
}

/** Problems with a mapping: unknown fields, columns beyond the header, required fields missing. */
export function mappingProblems(target: ImportTarget, mapping: ImportMapping, columnCount: number) {
  const fields = fieldsOf(target);
  const errors: { field: string; code: string; message: { id: string; en: string } }[] = [];
  for (const [key, col] of Object.entries(mapping)) {
    if (!fields.some((f) => f.key === key)) {
      errors.push({
        field: `mapping.${key}`,
        code: 'mapping.unknown_field',
        message: { id: `Kolom tujuan ${key} tidak dikenal`, en: `Unknown target field ${key}` },
      });
    } else if (col >= columnCount) {
      errors.push({
        field: `mapping.${key}`,
        code: 'mapping.no_column',
        message: { id: `Kolom ke-${col + 1} tidak ada di berkas`, en: `Column ${col + 1} does not exist in the file` },
      });
    }
  }
  const missing = fields.filter((f) => f.required && mapping[f.key] === undefined).map((f) => f.key);
  if (target === 'persons' && mapping.villageCode === undefined && mapping.villageName === undefined) missing.push('villageCode');
  return { errors, missing };
}
