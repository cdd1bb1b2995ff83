import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../src/platform/audit/audit';
import { createTestDatabase, type TestDatabase } from './db';
import { buildUser } from './factories';
import { alive, bounded, kill9, signIn, startServer, type ServerProcess } from './faults-support';
import { testKeys } from './keys';

/**
 * Faults (issue 12), on the real server process over loopback: SIGKILL during
 * sync pushes, SIGKILL while 50 clients edit, and every database connection
 * dropped (as in a PostgreSQL restart) while 50 clients write. After each: no
 * acknowledged write lost, none doubled, nothing half-written (every change has
 * its audit event), and the audit chains intact.
 */
const VILLAGE = '33.72.01.1001';
let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let server: ServerProcess | null = null;
const dirs: string[] = [];
const start = () => startServer(env);

beforeAll(async () => {
  t = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'pilar-faults-'));
  await chmod(dataDir, 0o755);
  dirs.push(dataDir);
  env = {
    ...process.env,
    DATABASE_URL: t.ownerUrl,
    PILAR_DATA_DIR: dataDir,
    // Warnings and errors reach the output, which a failed assertion prints.
    PILAR_LOG_LEVEL: 'warn',
    PILAR_DEMO: 'false',
    PILAR_LOGIN_RATE_PER_MINUTE: '0',
    PILAR_ADMIN_PASSWORD: 'admin-faults-2026',
    PILAR_LOOKUP_KEY: testKeys.lookup.toString('base64'),
    PILAR_ENCRYPTION_KEY: testKeys.encryption.toString('base64'),
  };
});
afterAll(async () => {
  if (server && alive(server.child)) {
    const exited = new Promise((r) => server!.child.once('exit', r));
    server.child.kill('SIGKILL');
    await exited;
  }
  await t?.drop();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function auditIntact(): Promise<void> {
  const c = new pg.Client({ connectionString: t.ownerUrl });
  await c.connect();
  try {
    const reports = await verifyAuditChains(c);
    expect(reports.filter((r) => !r.ok)).toEqual([]);
  } finally {
    await c.end();
  }
}

describe('faults', () => {
  it('SIGKILL during sync pushes: every mutation ends applied exactly once after the phones retry', async () => {
    server = await start();
    const phones = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const u = await buildUser(t, { grants: [{ role: 'psm', areaCode: VILLAGE }], password: 'kata sandi uji 2026' });
        return { i, username: u.username, mutations: Array.from({ length: 30 }, (_, k) => ({ id: uuidv7(), entityType: 'person', entityId: uuidv7(), op: 'create', data: { villageCode: VILLAGE, fullName: `Warga Gangguan ${i}-${k}`, nikMissingReason: 'belum_rekam' } })) };
      }),
    );
    const acked = new Set<string>();
    const pushAll = async (url: string, stopOnError: boolean) => {
      await Promise.all(
        phones.map(async (p) => {
          const headers = await signIn(url, p.username, 'kata sandi uji 2026').catch(() => null);
          if (!headers) return;
          for (let b = 0; b < p.mutations.length; b += 5) {
            const batch = p.mutations.slice(b, b + 5);
            try {
              const res = await fetch(`${url}/api/v1/sync/push`, bounded({ method: 'POST', headers, body: JSON.stringify({ mutations: batch }) }));
              if (res.status !== 200) throw new Error(String(res.status));
              for (const r of ((await res.json()) as { results: { mutationId: string; status: string }[] }).results) {
                expect(r.status).toBe('applied');
                acked.add(r.mutationId);
              }
            } catch (e) {
              if (stopOnError) return;
              throw e;
            }
          }
        }),
      );
    };
    const pushing = pushAll(server.url, true);
    await new Promise((r) => setTimeout(r, 400));
    await kill9(server);
    await pushing;
    const ackedBeforeKill = new Set(acked);
    server = await start();
    await pushAll(server.url, false); // the phones retry everything they queued
    const all = phones.flatMap((p) => p.mutations);
    expect(acked.size).toBe(all.length);
    const { rows } = await t.ownerQuery(`SELECT id, count(*)::int AS n FROM person WHERE id = ANY($1) GROUP BY id`, [all.map((m) => m.entityId)]);
    expect(rows.length).toBe(all.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Everything acknowledged before the kill was there after it.
    for (const id of ackedBeforeKill) expect(all.some((m) => m.id === id)).toBe(true);
    const created = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.created' AND person_id = ANY($1)`, [all.map((m) => m.entityId)]);
    expect(created.rows[0].n).toBe(all.length);
    await auditIntact();
  }, 300_000);

  it('50 clients editing through SIGKILL and dropped database connections: no acknowledged edit lost, none half-written', async () => {
    const admin = await signIn(server!.url, 'admin', 'admin-faults-2026');
    const persons: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${server!.url}/api/v1/persons`, bounded({ method: 'POST', headers: admin, body: JSON.stringify({ villageCode: VILLAGE, fullName: `Warga Edit ${i}`, nikMissingReason: 'tidak_punya' }) }));
      expect(res.status).toBe(201);
      persons.push(((await res.json()) as { id: string }).id);
    }
    const lastAcked = new Map<string, number>();
    let stop = false;
    const client = async (id: string) => {
      let n = 0;
      let headers: Record<string, string> | null = null;
      while (!stop) {
        try {
          headers ??= await signIn(server!.url, 'admin', 'admin-faults-2026');
          const cur = await fetch(`${server!.url}/api/v1/persons/${id}`, bounded({ headers }));
          if (cur.status === 401) {
            headers = null;
            continue;
          }
          if (cur.status !== 200) continue;
          const { version } = (await cur.json()) as { version: number };
          n++;
          const res = await fetch(`${server!.url}/api/v1/persons/${id}`, bounded({ method: 'PATCH', headers, body: JSON.stringify({ version, address: `Alamat ${n}` }) }));
          if (res.status === 200) lastAcked.set(id, n);
          // A field worker's pace, not a tight loop: the point is concurrency, not load.
          await new Promise((r) => setTimeout(r, 50));
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const running = persons.map((id) => client(id));
    await new Promise((r) => setTimeout(r, 1500));
    // 1. Every database connection dropped, as when PostgreSQL restarts.
    await t.ownerQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await new Promise((r) => setTimeout(r, 1500));
    // 2. The server killed outright, then started again.
    await kill9(server!);
    server = await start();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(running);
    expect(lastAcked.size).toBeGreaterThan(40);
    const { rows } = await t.ownerQuery(`SELECT id, address, version FROM person WHERE id = ANY($1)`, [persons]);
    for (const r of rows) {
      const acked = lastAcked.get(r.id) ?? 0;
      // An acknowledged edit is never lost (a later, unacknowledged one may have landed).
      expect(Number((r.address ?? 'Alamat 0').split(' ')[1])).toBeGreaterThanOrEqual(acked);
      // Nothing half-written: every version step has exactly one audited update.
      const audited = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.updated' AND person_id = $1`, [r.id]);
      expect(audited.rows[0].n).toBe(r.version - 1);
    }
    await auditIntact();
  }, 300_000);
});
