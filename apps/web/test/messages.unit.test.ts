import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Messages = { [key: string]: string | Messages };

const here = new URL('../src/i18n/', import.meta.url).pathname;
const modulesDir = new URL('../src/modules/', import.meta.url).pathname;

function read(path: string): Messages {
  return JSON.parse(readFileSync(path, 'utf8')) as Messages;
}

/**
 * Every leaf key, dotted (`members.transfer.title`), with i18next plural suffixes folded
 * (English has `_one` and `_other`, Bahasa Indonesia only `_other`).
 */
function keys(messages: Messages, prefix = ''): string[] {
  const all = Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`]
      : keys(value, `${prefix}${key}.`),
  );
  return [...new Set(all)];
}

/** The shared files and each module's own pair, by name. */
function pairs(): Array<[string, string, string]> {
  const list: Array<[string, string, string]> = [['shared', join(here, 'id.json'), join(here, 'en.json')]];
  for (const name of readdirSync(modulesDir)) {
    const id = join(modulesDir, name, 'messages.id.json');
    const en = join(modulesDir, name, 'messages.en.json');
    if (existsSync(id) || existsSync(en)) list.push([name, id, en]);
  }
  return list;
}

describe('UI messages', () => {
  it.each(pairs())('%s: Bahasa Indonesia and English have the same keys', (_name, idPath, enPath) => {
    expect(existsSync(idPath), idPath).toBe(true);
    expect(existsSync(enPath), enPath).toBe(true);
    const id = keys(read(idPath)).sort();
    const en = keys(read(enPath)).sort();
    expect(id.filter((k) => !en.includes(k)), 'missing in English').toEqual([]);
    expect(en.filter((k) => !id.includes(k)), 'missing in Bahasa Indonesia').toEqual([]);
    expect(id.length).toBeGreaterThan(0);
  });

  it('no module message overrides a shared message', () => {
    const shared = new Set(keys(read(join(here, 'id.json'))));
    const clashes = pairs()
      .slice(1)
      .flatMap(([name, idPath]) => keys(read(idPath)).filter((k) => shared.has(k)).map((k) => `${name}: ${k}`));
    expect(clashes).toEqual([]);
  });
});
