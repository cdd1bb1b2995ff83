import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { buildUser, signIn } from '../../../test/factories';
import { syntheticNik } from '../../../test/actors';
import { verifyAuditChains } from '../audit/audit';
import { backup, fileSha256 } from './backup';
import { restore } from './restore';
import { tableChecksum, tablesInDependencyOrder } from './tables';

/** Backup → restore into a fresh database and data directory → everything identical. */
let t: TestApp;
let emptyUrl: string;
const dirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  chmodSync(d, 0o755);
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  t = await createTestApp({ PILAR_DATA_DIR: tmp('pilar-src-') });
  const admin = await signIn(t.app, await buildUser(t.database, { grants: [{ role: 'admin', areaCode: 'ID' }] }));
  for (let i = 1; i <= 5; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: admin.headers,
      payload: { villageCode: '33.72.01.1001', fullName: `Warga Cadangan ${i}`, nik: syntheticNik('33.72.01', '1970-01-0' + i, 'L', i) },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  // An uploaded file through the real store.
  const { runAs } = await import('../access/unit-of-work');
  await runAs(t.app.pilar, { kind: 'user', userId: null, username: 't', grants: [{ role: 'admin', areaCode: 'ID' }] }, null, (ctx) =>
    ctx.files.save(ctx, { bytes: Buffer.from('%PDF-1.4 backup test'), areaCode: '33.72', readPermission: 'person.read', purpose: 'uji cadangan' }),
  );
  const admin2 = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin2.connect();
  const name = `pilar_restore_${Date.now().toString(36)}`;
  await admin2.query(`CREATE DATABASE ${name}`);
  await admin2.end();
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = `/${name}`;
  emptyUrl = u.toString();
});
afterAll(async () => {
  await t?.close();
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${new URL(emptyUrl).pathname.slice(1)} WITH (FORCE)`);
  await c.end();
});

describe('backup and restore', () => {
  it('restores into a fresh database and data directory with every table, file and key identical', async () => {
    const srcData = t.app.pilar.config.dataDir;
    // keys.json as the embedded default writes it.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(srcData, 'keys.json'), '{"lookup":"a","encryption":"b"}\n');
    const out = join(tmp('pilar-bak-'), 'copy');
    const manifest = await backup({ ownerUrl: t.database.ownerUrl, dataDir: srcData, outDir: out, keysFromEnv: false });
    expect(manifest.tables.find((x) => x.name === 'person')!.rows).toBeGreaterThanOrEqual(5);
    expect(manifest.tables.find((x) => x.name === 'audit_event')!.rows).toBeGreaterThan(0);

    const dstData = tmp('pilar-dst-');
    await restore({ ownerUrl: emptyUrl, dataDir: dstData, fromDir: out });

    const src = new pg.Client({ connectionString: t.database.ownerUrl });
    const dst = new pg.Client({ connectionString: emptyUrl });
    await src.connect();
    await dst.connect();
    try {
      const tables = await tablesInDependencyOrder(src);
      expect(tables.length).toBeGreaterThan(20);
      for (const table of tables) {
        expect(await tableChecksum(dst, table), table.name).toEqual(await tableChecksum(src, table));
      }
      // The restored audit trail is intact, and new events continue its chains.
      expect((await verifyAuditChains(dst)).every((r) => r.ok)).toBe(true);
      // Sequences continue after the restored rows.
      const next = await dst.query(`SELECT nextval('audit_event_id_seq') AS n`);
      const max = await dst.query(`SELECT max(id) AS m FROM audit_event`);
      expect(Number(next.rows[0].n)).toBeGreaterThan(Number(max.rows[0].m));
    } finally {
      await src.end();
      await dst.end();
    }
    // Files and keys.
    const list = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)).map((x) => `${e.name}/${x}`) : [e.name]));
    const files = list(join(srcData, 'files'));
    expect(files.length).toBe(1);
    expect(list(join(dstData, 'files'))).toEqual(files);
    expect(await fileSha256(join(dstData, 'files', files[0]!))).toBe(await fileSha256(join(srcData, 'files', files[0]!)));
    expect(readFileSync(join(dstData, 'keys.json'), 'utf8')).toBe(readFileSync(join(srcData, 'keys.json'), 'utf8'));
  });

  it('refuses to restore over a database that already has data', async () => {
    const out = join(tmp('pilar-bak2-'), 'copy');
    await backup({ ownerUrl: t.database.ownerUrl, dataDir: t.app.pilar.config.dataDir, outDir: out, keysFromEnv: true });
    await expect(restore({ ownerUrl: t.database.ownerUrl, dataDir: tmp('x-'), fromDir: out })).rejects.toThrow(/not empty/);
    expect(existsSync(join(out, 'keys.json'))).toBe(false);
  });

  it('works from the command line: pilar backup, then pilar restore into a new embedded data directory', async () => {
    const root = new URL('../../../../../', import.meta.url).pathname;
    const out = join(tmp('pilar-cli-'), 'copy');
    const run = (args: string[], env: Record<string, string | undefined>) =>
      spawnSync('node', ['apps/server/bin/pilar.js', ...args], { env: { ...process.env, PILAR_LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', cwd: root });
    const b = run(['backup', out], { DATABASE_URL: t.database.ownerUrl, PILAR_DATA_DIR: t.app.pilar.config.dataDir });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain('Backup complete');
    // A brand-new data directory with its own embedded PostgreSQL.
    const fresh = tmp('pilar-fresh-');
    const { freePort } = await import('../../../test/global-setup');
    const embedded = { DATABASE_URL: undefined, PILAR_DATA_DIR: fresh, PILAR_PG_PORT: String(await freePort()) };
    const r = run(['restore', out], embedded);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('Restore complete');
    const v = run(['audit', 'verify'], embedded);
    expect(v.status, v.stderr + v.stdout).toBe(0);
    expect(v.stdout).toContain('intact');
    // Restoring twice is refused: the target is no longer empty.
    const again = run(['restore', out], embedded);
    expect(again.status).not.toBe(0);
    expect(again.stderr + again.stdout).toMatch(/not empty/);
  }, 120_000);
});
