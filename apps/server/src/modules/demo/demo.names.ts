/**
 * Synthetic names for the demo data set: common Indonesian given names and
 * family-style second names, combined at random. No real person is meant.
 */
export const MALE_NAMES = [
  'Agus', 'Budi', 'Joko', 'Slamet', 'Bambang', 'Hendra', 'Rudi', 'Wahyu', 'Eko', 'Dedi', 'Andi', 'Yusuf', 'Rahmat', 'Ahmad',
  'Imam', 'Hari', 'Teguh', 'Sugeng', 'Suryadi', 'Fajar', 'Rizki', 'Arif', 'Heru', 'Dwi', 'Bayu', 'Indra', 'Irwan', 'Yanto',
  'Sutrisno', 'Darmawan', 'Hasan', 'Syamsul', 'Zainal', 'Firman', 'Herman', 'Ilham', 'Mulyadi', 'Nur', 'Samsul', 'Taufik',
];
export const FEMALE_NAMES = [
  'Sri', 'Siti', 'Dewi', 'Endang', 'Rina', 'Lestari', 'Wulan', 'Yuni', 'Ani', 'Ratna', 'Nur', 'Fitri', 'Indah', 'Ayu', 'Eka',
  'Dian', 'Lina', 'Novi', 'Rani', 'Sari', 'Tuti', 'Wati', 'Yanti', 'Mega', 'Puji', 'Retno', 'Sumarni', 'Suryani', 'Nurhayati',
  'Kartini', 'Maryam', 'Rohani', 'Halimah', 'Aisyah', 'Fatimah', 'Rosita', 'Desi', 'Evi', 'Neni', 'Tri',
];
export const SECOND_NAMES = [
  'Santoso', 'Wibowo', 'Setiawan', 'Kurniawan', 'Hidayat', 'Saputra', 'Pratama', 'Susanto', 'Gunawan', 'Nugroho', 'Purnomo',
  'Wijaya', 'Rahayu', 'Lestari', 'Handayani', 'Wulandari', 'Kusuma', 'Utami', 'Permata', 'Sulistyo', 'Hartono', 'Suharto',
  'Firmansyah', 'Ramadhan', 'Hakim', 'Maulana', 'Syahputra', 'Anggraini', 'Puspita', 'Safitri', 'Hasibuan', 'Siregar',
  'Nasution', 'Halim', 'Tanoto', 'Salim', 'Effendi', 'Syahrial', 'Zulkarnain', 'Marlina',
];

/** A small deterministic PRNG (mulberry32): the demo data set is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
