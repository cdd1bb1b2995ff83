import { PERMISSIONS, type Permission } from '../access/permissions';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../access/roles';
import { PPKS } from '../catalogues/ppks';

/**
 * Record of processing activities (UU PDP Pasal 31: the controller records every
 * processing activity), built from the system's own configuration so it cannot
 * drift from what the code does: declared purposes, the data categories (the
 * spesifik ones from the PPKS catalogue, Pasal 4(2)), the roles that can reach the
 * data (ROLE_PERMISSIONS) and the retention schedule.
 */
export interface RopaPurpose {
  code: string;
  labelId: string;
  labelEn: string;
  legalBasis: string;
  legalReference: string;
}

export interface RopaRetention {
  recordType: string;
  labelId: string;
  keepDays: number;
  action: string;
  legalBasis: string;
}

export interface RopaDataCategory {
  code: string;
  labelId: string;
  labelEn: string;
  classification: 'umum' | 'spesifik';
  /** Why spesifik (UU PDP Pasal 4(2)). */
  reason: string | null;
  fields: string[];
  ppksCodes: number[];
}

/** Personal data categories the system holds: umum fields, then the spesifik groups. */
export function dataCategories(): RopaDataCategory[] {
  const byReason = (r: string) => PPKS.filter((p) => p.sensitivity === 'spesifik' && p.sensitivityReason === r).map((p) => p.code);
  return [
    { code: 'identitas', labelId: 'Identitas dan kontak', labelEn: 'Identity and contact', classification: 'umum', reason: null,
      fields: ['nama', 'alias', 'jenis kelamin', 'tanggal/tempat lahir', 'NIK (hash + terenkripsi + tersamar)', 'No. KK', 'alamat', 'RT/RW', 'telepon', 'foto'], ppksCodes: [] },
    { code: 'sosial', labelId: 'Kondisi sosial (PPKS umum)', labelEn: 'Social condition (PPKS, general)', classification: 'umum', reason: null,
      fields: ['kategori PPKS', 'kebutuhan', 'asesmen', 'layanan', 'rujukan', 'kunjungan'], ppksCodes: PPKS.filter((p) => p.sensitivity === 'umum').map((p) => p.code) },
    { code: 'anak', labelId: 'Data anak', labelEn: "Children's data", classification: 'spesifik', reason: 'UU PDP Pasal 4(2)(f); persetujuan orang tua/wali (Pasal 25)',
      fields: ['kategori PPKS anak', 'asesmen', 'layanan'], ppksCodes: byReason('anak') },
    { code: 'kesehatan', labelId: 'Data kesehatan dan disabilitas', labelEn: 'Health and disability data', classification: 'spesifik', reason: 'UU PDP Pasal 4(2)(a); disabilitas: Pasal 26',
      fields: ['jenis dan tingkat disabilitas', 'kategori PPKS kesehatan'], ppksCodes: byReason('kesehatan') },
    { code: 'pidana', labelId: 'Catatan kejahatan', labelEn: 'Criminal records', classification: 'spesifik', reason: 'UU PDP Pasal 4(2)(d)',
      fields: ['kategori PPKS bekas warga binaan'], ppksCodes: byReason('pidana') },
    { code: 'keuangan', labelId: 'Keuangan pribadi', labelEn: 'Personal finance', classification: 'spesifik', reason: 'UU PDP Pasal 4(2)(f)',
      fields: ['kepesertaan bansos', 'desil kesejahteraan'], ppksCodes: [] },
  ];
}

const DATA_PERMISSIONS: Permission[] = ['person.read', 'person.create', 'person.update', 'person.reveal_nik', 'person.history', 'case.read', 'report.export', 'audit.read', 'privacy.manage'];

/** For each role: the personal-data permissions it holds (from the one registry). */
export function rolesWithAccess(): { role: Role; permissions: { code: Permission; label: string }[] }[] {
  return ROLES.map((role) => ({
    role,
    permissions: ROLE_PERMISSIONS[role].filter((p) => DATA_PERMISSIONS.includes(p)).map((code) => ({ code, label: PERMISSIONS[code] })),
  })).filter((r) => r.permissions.length > 0);
}

export interface Ropa {
  controller: { name: string; address: string | null; dpo: { name: string; email: string; phone: string | null } | null };
  generatedAt: string;
  purposes: RopaPurpose[];
  dataCategories: RopaDataCategory[];
  dataSubjects: string[];
  roles: ReturnType<typeof rolesWithAccess>;
  retention: RopaRetention[];
  safeguards: string[];
}

export function buildRopa(input: { controller: Ropa['controller']; now: Date; purposes: RopaPurpose[]; retention: RopaRetention[] }): Ropa {
  return {
    controller: input.controller,
    generatedAt: input.now.toISOString(),
    purposes: input.purposes,
    dataCategories: dataCategories(),
    dataSubjects: ['PPKS dan anggota keluarganya', 'wali/orang tua (persetujuan)', 'PSM (registri anggota)', 'pengguna sistem'],
    roles: rolesWithAccess(),
    retention: input.retention,
    safeguards: [
      'Akses dibatasi per peran dan wilayah (RLS PostgreSQL + predikat cakupan)',
      'NIK disimpan sebagai HMAC-SHA256 + AES-256-GCM + tersamar; pembukaan NIK dengan alasan tercatat',
      'Jejak audit append-only berantai hash per kabupaten/kota',
      'Permintaan subjek data dan pemberitahuan kegagalan pelindungan dengan tenggat 3 x 24 jam',
      'Jadwal retensi dengan penahanan hukum (legal hold)',
    ],
  };
}
