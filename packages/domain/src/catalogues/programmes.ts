/**
 * Social assistance programmes a PSM accompanies (DOMAIN.md §3). Reference data: local
 * governments add their own, so this list is only the national seed.
 */
import { buildFinder } from './normalize';

/** Whether the programme's recipient is a family (KPM) or a person. */
export type ProgrammeTarget = 'keluarga' | 'perorangan';

export type Programme = {
  /** Stable slug. */
  code: string;
  name: string;
  nameEn: string;
  /** Short description in Bahasa Indonesia. */
  description: string;
  target: ProgrammeTarget;
  aliases: string[];
};

/** National programmes. Since Inpres 4/2025 all of them take their targets from DTSEN. */
export const PROGRAMMES: readonly Programme[] = Object.freeze([
  {
    code: 'pkh',
    name: 'PKH',
    nameEn: 'Family Hope Programme (conditional cash transfer)',
    description: 'Program Keluarga Harapan: bantuan tunai bersyarat bagi keluarga miskin dan rentan.',
    target: 'keluarga',
    aliases: ['Program Keluarga Harapan'],
  },
  {
    code: 'sembako',
    name: 'Program Sembako',
    nameEn: 'Staple food programme (non-cash food aid)',
    description: 'Bantuan pangan non tunai yang disalurkan melalui Kartu Keluarga Sejahtera (KKS).',
    target: 'keluarga',
    aliases: ['BPNT', 'Bantuan Pangan Non Tunai', 'Sembako'],
  },
  {
    code: 'blt',
    name: 'BLT',
    nameEn: 'Unconditional cash transfer',
    description: 'Bantuan Langsung Tunai: bantuan uang tunai tanpa syarat.',
    target: 'keluarga',
    aliases: ['Bantuan Langsung Tunai'],
  },
  {
    code: 'blt-dd',
    name: 'BLT Dana Desa',
    nameEn: 'Village-fund unconditional cash transfer',
    description: 'Bantuan Langsung Tunai yang dibiayai Dana Desa, penerimanya ditetapkan melalui musyawarah desa.',
    target: 'keluarga',
    aliases: ['BLT DD', 'BLT-DD', 'Bantuan Langsung Tunai Dana Desa'],
  },
  {
    code: 'pbi-jk',
    name: 'PBI-JK',
    nameEn: 'Government-paid health insurance contributions',
    description: 'Penerima Bantuan Iuran Jaminan Kesehatan: iuran JKN dibayar oleh pemerintah.',
    target: 'perorangan',
    aliases: ['PBI JK', 'PBI', 'Penerima Bantuan Iuran Jaminan Kesehatan'],
  },
  {
    code: 'atensi',
    name: 'ATENSI',
    nameEn: 'Social rehabilitation assistance',
    // Permensos 7/2021, amended by Permensos 7/2022.
    description: 'Asistensi Rehabilitasi Sosial: layanan rehabilitasi sosial bagi PPKS (Permensos 7/2021 jo. 7/2022).',
    target: 'perorangan',
    aliases: ['Asistensi Rehabilitasi Sosial'],
  },
] satisfies Programme[]);

const find = buildFinder(PROGRAMMES, (p) => [p.code, p.name, p.nameEn, ...p.aliases]);

/** Finds a programme by code, name, English name or alias (case/accent/punctuation-insensitive). */
export function findProgramme(nameOrAliasOrCode: string): Programme | null {
  return find(nameOrAliasOrCode);
}
