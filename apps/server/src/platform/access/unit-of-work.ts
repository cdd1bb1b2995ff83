import type pg from 'pg';
import { AuditLog, type AuditEvent } from '../audit/audit';
import type { Db } from '../db/pool';
import type { IdentifierProtector } from '../security/identifiers';
import type { FileStore } from '../files/files';
import type { JobRunner } from '../jobs/jobs';
import { memberDataScope, personalDataScope, type Actor } from './actor';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every service function receives (STYLE.md §3): never the HTTP request. */
export interface Ctx {
  actor: Actor;
  requestId: string | null;
  /** The transaction. Every query of the unit of work goes through it. */
  db: pg.PoolClient;
  audit: AuditLog;
  ids: IdentifierProtector;
  files: FileStore;
  jobs: JobRunner;
  clock: Clock;
}

export interface Services {
  db: Db;
  ids: IdentifierProtector;
  files: FileStore;
  /** Set once the app is built; background work is queued through it. */
  jobs: JobRunner;
  clock: Clock;
}

/**
 * Runs `fn` as `actor` in one transaction: sets the row-level scope
 * (`pilar.scope`, read by the RLS policies) and the actor id, and writes the
 * audit events recorded by `fn` as the transaction's last step, so a change
 * and its audit commit or roll back together.
 */
export async function runAs<T>(
  services: Services,
  actor: Actor,
  requestId: string | null,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const client = await services.db.pool.connect();
  const audit = new AuditLog(
    { userId: actor.userId, label: actor.kind === 'token' ? `${actor.username} (token)` : actor.username },
    requestId,
    () => services.clock.now(),
  );
  try {
    // One round trip: the scopes are validated area codes and the actor a UUID, quoted all the same.
    await client.query(
      `BEGIN; SELECT set_config('pilar.scope', ${literal(personalDataScope(actor).join(','))}, true),
                     set_config('pilar.member_scope', ${literal(memberDataScope(actor).join(','))}, true),
                     set_config('pilar.actor', ${literal(actor.userId ?? '')}, true)`,
    );
    const result = await fn({ actor, requestId, db: client, audit, ids: services.ids, files: services.files, jobs: services.jobs, clock: services.clock });
    await audit.flush(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export type { AuditEvent };

/** A SQL string literal (standard_conforming_strings: only quotes need doubling). */
function literal(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}
