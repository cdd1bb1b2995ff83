import { createHash } from 'node:crypto';
import type { Keys } from '../src/platform/security/keys';

/** Fixed keys for tests (never used outside them). */
export const testKeys: Keys = {
  lookup: createHash('sha256').update('pilar-test-lookup').digest(),
  encryption: createHash('sha256').update('pilar-test-encryption').digest(),
};
