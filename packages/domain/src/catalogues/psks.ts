/**
 * PSKS (Potensi dan Sumber Kesejahteraan Sosial), Permensos 8/2012: the 12 kinds of
 * "pilar sosial" a PSM works beside and refers people to. Keep as editable reference
 * data (DOMAIN.md §1); this list is the seed.
 */
import { buildFinder } from './normalize';

/** Whether the PSKS is a person or an institution/organisation. */
export type PsksKind = 'perorangan' | 'lembaga';

export type PsksKindEntry = {
  /** Stable slug. */
  code: string;
  name: string;
  nameEn: string;
  kind: PsksKind;
  aliases: string[];
};

/** The 12 PSKS kinds of Permensos 8/2012. */
export const PSKS: readonly PsksKindEntry[] = Object.freeze([
  { code: 'pekerja-sosial-profesional', name: 'Pekerja Sosial Profesional', nameEn: 'Professional social worker', kind: 'perorangan', aliases: ['Peksos', 'Pekerja Sosial'] },
  { code: 'psm', name: 'Pekerja Sosial Masyarakat', nameEn: 'Community social worker', kind: 'perorangan', aliases: ['PSM'] },
  { code: 'tagana', name: 'Taruna Siaga Bencana', nameEn: 'Disaster preparedness volunteer', kind: 'perorangan', aliases: ['Tagana'] },
  { code: 'lks', name: 'Lembaga Kesejahteraan Sosial', nameEn: 'Social welfare institution', kind: 'lembaga', aliases: ['LKS'] },
  { code: 'karang-taruna', name: 'Karang Taruna', nameEn: 'Village youth organisation', kind: 'lembaga', aliases: [] },
  { code: 'lk3', name: 'Lembaga Konsultasi Kesejahteraan Keluarga', nameEn: 'Family welfare consultation institution', kind: 'lembaga', aliases: ['LK3'] },
  // A family, not an institution: counted with persons.
  { code: 'keluarga-pioner', name: 'Keluarga Pioner', nameEn: 'Pioneer family', kind: 'perorangan', aliases: [] },
  { code: 'wksbm', name: 'Wahana Kesejahteraan Sosial Berbasis Masyarakat', nameEn: 'Community-based social welfare network', kind: 'lembaga', aliases: ['WKSBM'] },
  { code: 'wanita-pemimpin-kesejahteraan-sosial', name: 'Wanita Pemimpin Kesejahteraan Sosial', nameEn: 'Women social welfare leader', kind: 'perorangan', aliases: [] },
  { code: 'penyuluh-sosial', name: 'Penyuluh Sosial', nameEn: 'Social extension worker', kind: 'perorangan', aliases: [] },
  { code: 'tksk', name: 'Tenaga Kesejahteraan Sosial Kecamatan', nameEn: 'District social welfare worker', kind: 'perorangan', aliases: ['TKSK'] },
  { code: 'dunia-usaha', name: 'Dunia Usaha', nameEn: 'Business sector', kind: 'lembaga', aliases: ['Dunia Usaha yang Melakukan Usaha Kesejahteraan Sosial'] },
] satisfies PsksKindEntry[]);

const find = buildFinder(PSKS, (p) => [p.code, p.name, p.nameEn, ...p.aliases]);

/** Finds a PSKS kind by code, name, English name or alias (case/accent/punctuation-insensitive). */
export function findPsks(nameOrAliasOrCode: string): PsksKindEntry | null {
  return find(nameOrAliasOrCode);
}
