/**
 * The service catalogue seeded with the SPM bundle for social rehabilitation outside
 * institutions and disaster protection (Permensos 9/2018; DOMAIN.md §2 lists what an
 * intervention is made of). Editable reference data: this is the seed.
 */
import { issue, type Issue } from '../messages';

export interface ServiceKind {
  code: string;
  name: string;
  nameEn: string;
  /** The unit a delivery is usually counted in. */
  unit: string;
}

export const SERVICE_UNITS = ['paket', 'hari', 'buah', 'sesi', 'dokumen', 'kali', 'orang'] as const;

export const SERVICE_CATALOGUE: readonly ServiceKind[] = Object.freeze([
  { code: 'permakanan', name: 'Permakanan', nameEn: 'Food', unit: 'hari' },
  { code: 'sandang', name: 'Sandang', nameEn: 'Clothing', unit: 'paket' },
  { code: 'alat-bantu', name: 'Alat bantu', nameEn: 'Assistive device', unit: 'buah' },
  { code: 'perbekalan-kesehatan', name: 'Perbekalan kesehatan', nameEn: 'Health supplies', unit: 'paket' },
  { code: 'bimbingan-fisik', name: 'Bimbingan fisik', nameEn: 'Physical guidance', unit: 'sesi' },
  { code: 'bimbingan-mental', name: 'Bimbingan mental spiritual', nameEn: 'Mental and spiritual guidance', unit: 'sesi' },
  { code: 'bimbingan-sosial', name: 'Bimbingan sosial', nameEn: 'Social guidance', unit: 'sesi' },
  { code: 'bimbingan-keluarga', name: 'Bimbingan bagi keluarga', nameEn: 'Family guidance', unit: 'sesi' },
  { code: 'fasilitasi-nik', name: 'Fasilitasi pembuatan NIK', nameEn: 'Help getting a NIK', unit: 'dokumen' },
  { code: 'fasilitasi-akta', name: 'Fasilitasi akta kelahiran', nameEn: 'Help getting a birth certificate', unit: 'dokumen' },
  { code: 'fasilitasi-kia', name: 'Fasilitasi Kartu Identitas Anak (KIA)', nameEn: 'Help getting a child identity card (KIA)', unit: 'dokumen' },
  { code: 'akses-pendidikan', name: 'Akses layanan pendidikan', nameEn: 'Access to education', unit: 'kali' },
  { code: 'akses-kesehatan', name: 'Akses layanan kesehatan', nameEn: 'Access to health care', unit: 'kali' },
  { code: 'penelusuran-keluarga', name: 'Penelusuran keluarga', nameEn: 'Family tracing', unit: 'kali' },
  { code: 'reunifikasi', name: 'Reunifikasi keluarga', nameEn: 'Family reunification', unit: 'kali' },
  { code: 'rujukan', name: 'Rujukan', nameEn: 'Referral', unit: 'kali' },
] satisfies ServiceKind[]);

/** Soft checks on a delivery: warn, never block. */
export function deliveryWarnings(serviceCode: string, quantity: number, unit: string): Issue[] {
  // SPM: food for neglected persons is given for at most 7 days at a time (DOMAIN.md §2).
  if (serviceCode === 'permakanan' && unit === 'hari' && quantity > 7) {
    return [issue('service.permakanan_days', 'quantity', 'Permakanan SPM biasanya paling lama 7 hari', 'SPM food support is usually at most 7 days')];
  }
  return [];
}
