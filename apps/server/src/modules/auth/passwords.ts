import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { passwordProblems } from '@pilar/domain';

/**
 * argon2id at 64 MiB, 3 passes (RFC 9106 §4, second recommended option, with one
 * lane so two logins do not starve a small server): ~75–100 ms per hash on a 2-core
 * machine. The parameters are stored in each hash, so raising them later only
 * affects new hashes.
 */
// `Algorithm` is a const enum in the typings; 2 is Argon2id.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Never throws: a malformed stored hash is simply a mismatch. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/**
 * Spends the time of a real verification for an unknown username, so response
 * times do not tell which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummy, password);
}

// No 0/o, 1/l/i: read aloud or copied from paper without mistakes.
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password like `k7mq-x2pf-9abd-h3ns` (~79 bits), which the user must change. */
export function generatePassword(username = ''): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join(''));
    const password = groups.join('-');
    if (passwordProblems(password, username).length === 0) return password;
  }
}

/** A random secret (session or API token), base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Only this digest of a session or API token is stored. */
export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function safeEqual(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
