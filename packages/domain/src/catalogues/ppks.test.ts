import { describe, it, expect } from 'vitest';
import { PPKS, findPpks, ppksAgeWarnings } from './ppks';
import { toSlug } from './normalize';

describe('PPKS catalogue', () => {
  it('has the 26 categories with codes 1..26 in order', () => {
    expect(PPKS.map((c) => c.code)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('has unique slugs that are the kebab-case of the name', () => {
    expect(new Set(PPKS.map((c) => c.slug)).size).toBe(26);
    for (const c of PPKS) expect(c.slug).toBe(toSlug(c.name));
  });

  it('keeps the exact names of Permensos 8/2012', () => {
    expect(PPKS[0]?.name).toBe('Anak Balita Terlantar');
    expect(PPKS[5]?.name).toBe('Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah');
    expect(PPKS[14]?.name).toBe('Bekas Warga Binaan Lembaga Pemasyarakatan');
    expect(PPKS[15]?.name).toBe('Orang dengan HIV/AIDS');
    expect(PPKS[25]?.name).toBe('Komunitas Adat Terpencil');
  });

  it('marks children, health and criminal-record categories as spesifik (UU PDP Pasal 4)', () => {
    const spesifik = PPKS.filter((c) => c.sensitivity === 'spesifik').map((c) => [c.code, c.sensitivityReason]);
    expect(spesifik).toEqual([
      [1, 'anak'], [2, 'anak'], [3, 'anak'], [4, 'anak'], [5, 'anak'], [6, 'anak'], [7, 'anak'],
      [9, 'kesehatan'], [15, 'pidana'], [16, 'kesehatan'], [17, 'kesehatan'],
    ]);
    for (const c of PPKS.filter((x) => x.sensitivity === 'umum')) expect(c.sensitivityReason).toBeUndefined();
  });

  it('gives every Terlantar name a Telantar alias', () => {
    for (const c of PPKS.filter((x) => x.name.includes('Terlantar'))) {
      expect(c.aliases).toContain(c.name.replace('Terlantar', 'Telantar'));
    }
  });

  it('has no label shared by two categories', () => {
    const seen = new Map<string, number>();
    for (const c of PPKS) {
      for (const l of [c.slug, c.name, c.nameEn, ...c.aliases].map((s) => toSlug(s))) {
        expect(seen.get(l) ?? c.code).toBe(c.code);
        seen.set(l, c.code);
      }
    }
  });
});

describe('findPpks', () => {
  it.each([
    ['Anak Telantar', 2],
    ['lansia terlantar', 8],
    ['LANSIA  TELANTAR', 8],
    ['ODHA', 16],
    ['orang dengan hiv / aids', 16],
    ['Orang dengan HIV-AIDS', 16],
    ['24', 24],
    [' 24 ', 24],
    ['fakir-miskin', 24],
    ['Penyandang Cacat', 9],
    ['Korban NAPZA', 17],
    ['abh', 3],
    ['AMPK', 7],
    ['KAT', 26],
    ['PRSE', 23],
    ['PMBS', 20],
    ['Ának Jalánan', 4],
    ['Street child', 4],
  ])('finds %j as %i', (q, code) => {
    expect(findPpks(q)?.code).toBe(code);
  });

  it('finds by numeric code', () => {
    expect(findPpks(24)?.name).toBe('Fakir Miskin');
    expect(findPpks(1)?.code).toBe(1);
  });

  it.each([0, 27, -1, 2.5, NaN, '0', '27', '', 'Anak', 'Terlantar'])('finds nothing for %j', (q) => {
    expect(findPpks(q)).toBeNull();
  });
});

describe('ppksAgeWarnings', () => {
  it('warns when the age is outside a band, never otherwise', () => {
    expect(ppksAgeWarnings([1], 4)).toEqual([]);
    expect(ppksAgeWarnings([1], 5).map((i) => i.code)).toEqual(['ppks.age']);
    expect(ppksAgeWarnings([2, 3, 7], 6)).toEqual([]);
    expect(ppksAgeWarnings([2, 3, 7], 18)).toEqual([]);
    expect(ppksAgeWarnings([2, 3, 7], 19)).toHaveLength(3);
    expect(ppksAgeWarnings([2], 5)).toHaveLength(1);
    expect(ppksAgeWarnings([4], 5)).toEqual([]);
    expect(ppksAgeWarnings([4], 4)).toHaveLength(1);
    expect(ppksAgeWarnings([5, 6], 17)).toEqual([]);
    expect(ppksAgeWarnings([5, 6], 18)).toHaveLength(2);
    expect(ppksAgeWarnings([8], 60)).toEqual([]);
    expect(ppksAgeWarnings([8], 59)).toHaveLength(1);
  });

  it('ignores categories without a band, unknown codes, duplicates and impossible ages', () => {
    expect(ppksAgeWarnings([9, 24, 26, 99], 3)).toEqual([]);
    expect(ppksAgeWarnings([8, 8], 30)).toHaveLength(1);
    expect(ppksAgeWarnings([1], NaN)).toEqual([]);
    expect(ppksAgeWarnings([1], -1)).toEqual([]);
    expect(ppksAgeWarnings([], 30)).toEqual([]);
  });

  it('words the warning in both languages with the band', () => {
    const [w] = ppksAgeWarnings([1], 7);
    expect(w).toMatchObject({ code: 'ppks.age', field: 'ppks' });
    expect(w?.message.id).toContain('Anak Balita Terlantar');
    expect(w?.message.id).toContain('di bawah 5 tahun');
    expect(w?.message.en).toContain('under 5 years');
    const [lansia] = ppksAgeWarnings([8], 40);
    expect(lansia?.message.id).toContain('60 tahun ke atas');
    const [anak] = ppksAgeWarnings([2], 30);
    expect(anak?.message.en).toContain('6–18 years');
  });
});
