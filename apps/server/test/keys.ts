import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Keys } from '../src/platform/security/keys';

/** Fixed keys for tests (never used outside them). */
export const testKeys: Keys = {
  lookup: createHash('sha256').update('pilar-test-lookup').digest(),
  encryption: createHash('sha256').update('pilar-test-encryption').digest(),
};

/** A fresh data directory (uploaded files) for one test app. */
export function testDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilar-data-'));
  chmodSync(dir, 0o755);
  return dir;
}
