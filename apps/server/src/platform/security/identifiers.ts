import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Keys } from './keys';

/**
 * Protected identifiers (NIK, No. KK, KKS…): stored as a keyed hash for exact
 * lookup and dedup, plus an AES-256-GCM encrypted value revealed only on demand.
 * The kind is bound into both, so a NIK hash never equals a KK hash.
 */
export type IdentifierKind = 'nik' | 'kk' | 'kks';
const VERSION = 1;

export class IdentifierProtector {
  constructor(private readonly keys: Keys) {}

  hash(kind: IdentifierKind, value: string): Buffer {
    return createHmac('sha256', this.keys.lookup).update(`${kind}:${value}`).digest();
  }

  encrypt(kind: IdentifierKind, value: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.encryption, iv);
    cipher.setAAD(Buffer.from(kind));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(kind: IdentifierKind, blob: Buffer): string {
    if (blob[0] !== VERSION) throw new Error('Unknown identifier encryption version');
    const iv = blob.subarray(1, 13);
    const tag = blob.subarray(13, 29);
    const decipher = createDecipheriv('aes-256-gcm', this.keys.encryption, iv);
    decipher.setAAD(Buffer.from(kind));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString('utf8');
  }
}
