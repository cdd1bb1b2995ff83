import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';

/**
 * Keys protecting identifiers (ARCHITECTURE.md decision 5): a key for the
 * keyed hash used for exact lookup, and a key for encrypting the value itself.
 * Given by configuration (required in production), or generated once into the
 * data directory (mode 0600) for the embedded default and development.
 */
export interface Keys {
  /** HMAC-SHA256 key for identifier lookup hashes. */
  lookup: Buffer;
  /** AES-256-GCM key for identifier values. */
  encryption: Buffer;
}

function decode(name: string, value: string): Buffer {
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return buf;
}

export async function loadKeys(config: Config): Promise<Keys> {
  if (config.PILAR_LOOKUP_KEY && config.PILAR_ENCRYPTION_KEY) {
    return {
      lookup: decode('PILAR_LOOKUP_KEY', config.PILAR_LOOKUP_KEY),
      encryption: decode('PILAR_ENCRYPTION_KEY', config.PILAR_ENCRYPTION_KEY),
    };
  }
  if (config.NODE_ENV === 'production') {
    throw new Error('PILAR_LOOKUP_KEY and PILAR_ENCRYPTION_KEY are required in production (32 random bytes each, base64).');
  }
  const file = join(config.dataDir, 'keys.json');
  if (existsSync(file)) {
    const k = JSON.parse(await readFile(file, 'utf8')) as { lookup: string; encryption: string };
    return { lookup: decode('keys.json lookup', k.lookup), encryption: decode('keys.json encryption', k.encryption) };
  }
  const keys = { lookup: randomBytes(32), encryption: randomBytes(32) };
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(
    file,
    JSON.stringify({ lookup: keys.lookup.toString('base64'), encryption: keys.encryption.toString('base64') }) + '\n',
    { mode: 0o600, flag: 'wx' },
  );
  return keys;
}
