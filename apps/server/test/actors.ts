import type { Grant, Role } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../src/platform/access/actor';
import { runAs, systemClock, type Clock, type Ctx } from '../src/platform/access/unit-of-work';
import { IdentifierProtector } from '../src/platform/security/identifiers';
import { FileStore } from '../src/platform/files/files';
import { JobRunner } from '../src/platform/jobs/jobs';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from './db';
import { testKeys } from './keys';

/** An in-memory actor with the given grants (service-level tests; the API tests sign in for real). */
export function actorWith(...grants: [Role, string][]): Actor {
  return {
    kind: 'user',
    userId: uuidv7(),
    username: grants.map(([r, a]) => `${r}@${a}`).join('+') || 'nobody',
    grants: grants.map(([role, areaCode]): Grant => ({ role, areaCode })),
  };
}

const filesRoot = mkdtempSync(join(tmpdir(), 'pilar-files-'));
chmodSync(filesRoot, 0o755);
const files = new FileStore(filesRoot);

/** Runs a service call as `actor` in one audited transaction on the test database. */
export function as<T>(database: TestDatabase, actor: Actor, fn: (ctx: Ctx) => Promise<T>, clock: Clock = systemClock): Promise<T> {
  const services = { db: database.db, ids: new IdentifierProtector(testKeys), files, clock, jobs: null as unknown as JobRunner };
  // A runner that is never started: queueing answers 503, as on a server whose queue is down.
  services.jobs = new JobRunner(services, { ownerUrl: database.ownerUrl, resolveActor: async () => null });
  return runAs(services, actor, uuidv7(), fn);
}

/** Valid synthetic NIKs: district of first registration, birth date (+40 for women), serial. */
export function syntheticNik(district: string, birthDate: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'P' ? 40 : 0);
  return `${district.replace(/\./g, '')}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
}
