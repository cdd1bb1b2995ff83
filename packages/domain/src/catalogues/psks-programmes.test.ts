import { describe, it, expect } from 'vitest';
import { PSKS, findPsks } from './psks';
import { PROGRAMMES, findProgramme } from './programmes';
import { normalizeLabel, toSlug, buildFinder } from './normalize';

describe('normalizeLabel', () => {
  it('lowercases, strips diacritics and collapses whitespace and punctuation', () => {
    expect(normalizeLabel('  Orang dengan HIV/AIDS ')).toBe('orang dengan hiv aids');
    expect(normalizeLabel('Ának\tJalánan')).toBe('anak jalanan');
    expect(normalizeLabel('BLT-DD')).toBe('blt dd');
    expect(normalizeLabel('...')).toBe('');
    expect(toSlug('Anak yang Berhadapan dengan Hukum')).toBe('anak-yang-berhadapan-dengan-hukum');
  });

  it('refuses a catalogue where one label points at two entries', () => {
    expect(() => buildFinder([{ a: 'X' }, { a: 'x' }], (e) => [e.a])).toThrow(/Ambiguous/);
  });
});

describe('PSKS', () => {
  it('lists the 12 kinds of Permensos 8/2012 with unique codes', () => {
    expect(PSKS).toHaveLength(12);
    expect(new Set(PSKS.map((p) => p.code)).size).toBe(12);
    expect(PSKS.map((p) => p.code)).toEqual([
      'pekerja-sosial-profesional', 'psm', 'tagana', 'lks', 'karang-taruna', 'lk3',
      'keluarga-pioner', 'wksbm', 'wanita-pemimpin-kesejahteraan-sosial', 'penyuluh-sosial', 'tksk', 'dunia-usaha',
    ]);
  });

  it('tells persons from institutions', () => {
    expect(findPsks('PSM')?.kind).toBe('perorangan');
    expect(findPsks('tksk')?.kind).toBe('perorangan');
    expect(findPsks('Lembaga Kesejahteraan Sosial')?.kind).toBe('lembaga');
    expect(findPsks('karang taruna')?.kind).toBe('lembaga');
  });

  it.each([
    ['Tagana', 'tagana'],
    ['taruna siaga bencana', 'tagana'],
    ['LK3', 'lk3'],
    ['Pekerja Sosial Masyarakat', 'psm'],
    ['WKSBM', 'wksbm'],
  ])('finds %j', (q, code) => {
    expect(findPsks(q)?.code).toBe(code);
  });

  it('finds nothing for unknown labels', () => {
    expect(findPsks('Pendamping PKH')).toBeNull();
  });
});

describe('programmes', () => {
  it('has the national programmes with unique codes', () => {
    expect(PROGRAMMES.map((p) => p.code)).toEqual(['pkh', 'sembako', 'blt', 'blt-dd', 'pbi-jk', 'atensi']);
    for (const p of PROGRAMMES) expect(p.description.length).toBeGreaterThan(10);
  });

  it.each([
    ['BPNT', 'sembako'],
    ['Program Sembako', 'sembako'],
    ['bantuan pangan non tunai', 'sembako'],
    ['PBI JK', 'pbi-jk'],
    ['PBI-JK', 'pbi-jk'],
    ['PBI', 'pbi-jk'],
    ['BLT DD', 'blt-dd'],
    ['BLT Dana Desa', 'blt-dd'],
    ['BLT', 'blt'],
    ['Program Keluarga Harapan', 'pkh'],
    ['pkh', 'pkh'],
    ['Atensi', 'atensi'],
  ])('finds %j as %s', (q, code) => {
    expect(findProgramme(q)?.code).toBe(code);
  });

  it('targets families or persons', () => {
    expect(findProgramme('pkh')?.target).toBe('keluarga');
    expect(findProgramme('pbi-jk')?.target).toBe('perorangan');
    expect(findProgramme('BLT Kemiskinan Ekstrem')).toBeNull();
  });
});
