import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { migrate, migrationStatus } from './migrate';

/**
 * The migration runner on an empty database with a throw-away migrations
 * folder: order, the ledger, idempotence, atomic failure, the never-edit rule,
 * the advisory lock, and duplicate versions.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => {});
});

/** An empty database (not the migrated template), dropped after the test. */
async function emptyDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `pilar_migrate_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url: string, options?: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, ...(options ? { options } : {}) });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

/** A migrations folder holding `files` (name → contents). */
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pilar-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** A .ts migration: `body` runs with `client` in scope. */
const tsMigration = (body: string) =>
  `export async function up(client: { query(sql: string): Promise<unknown> }): Promise<void> {\n${body}\n}\n`;

async function ledger(client: pg.Client): Promise<{ version: string; name: string }[]> {
  const { rows } = await client.query(`SELECT version, name FROM schema_migration ORDER BY version`);
  return rows;
}

async function tableExists(client: pg.Client, table: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [table]);
  return rows[0].e;
}

/** Each migration appends its version to `trail`, so the order they ran in is visible. */
const trailMigrations = {
  '0001_trail.sql': `CREATE TABLE trail (id serial PRIMARY KEY, step text NOT NULL);\nINSERT INTO trail (step) VALUES ('0001');`,
  '0002_people.ts': tsMigration(
    `await client.query("CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL)");
     await client.query("INSERT INTO trail (step) VALUES ('0002')");`,
  ),
  '0010_person_area.sql': `ALTER TABLE person ADD COLUMN area_code text;\nINSERT INTO trail (step) VALUES ('0010');`,
};

describe('migrate()', () => {
  it('applies .sql and .ts migrations in version order and records each one', async () => {
    const client = await connect(await emptyDatabase());
    const dir = await migrationsDir(trailMigrations);

    const applied = await migrate(client, { dir });

    expect(applied).toEqual(['0001_trail', '0002_people', '0010_person_area']);
    expect((await client.query(`SELECT step FROM trail ORDER BY id`)).rows.map((r) => r.step)).toEqual(['0001', '0002', '0010']);
    expect(await ledger(client)).toEqual([
      { version: '0001', name: '0001_trail' },
      { version: '0002', name: '0002_people' },
      { version: '0010', name: '0010_person_area' },
    ]);
    const { rows } = await client.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'person' ORDER BY ordinal_position`,
    );
    expect(rows.map((r) => r.column_name)).toEqual(['id', 'name', 'area_code']);
    const status = await migrationStatus(client, dir);
    expect(status.current).toBe('0010');
    expect(status.pending).toEqual([]);
  });

  it('applies nothing on a second run, and only the new migration after one is added', async () => {
    const client = await connect(await emptyDatabase());
    const dir = await migrationsDir(trailMigrations);
    await migrate(client, { dir });
    const before = (await client.query(`SELECT version, checksum, applied_at FROM schema_migration ORDER BY version`)).rows;

    expect(await migrate(client, { dir })).toEqual([]);
    expect((await client.query(`SELECT version, checksum, applied_at FROM schema_migration ORDER BY version`)).rows).toEqual(
      before,
    );
    expect((await client.query(`SELECT count(*)::int AS n FROM trail`)).rows[0].n).toBe(3);

    await writeFile(join(dir, '0011_more.sql'), `INSERT INTO trail (step) VALUES ('0011');`);
    expect((await migrationStatus(client, dir)).pending.map((m) => m.name)).toEqual(['0011_more']);
    expect(await migrate(client, { dir })).toEqual(['0011_more']);
    expect((await client.query(`SELECT step FROM trail ORDER BY id`)).rows.map((r) => r.step)).toEqual([
      '0001',
      '0002',
      '0010',
      '0011',
    ]);
  });

  it.each([
    ['.sql', '0002_broken.sql', `CREATE TABLE half_done (id int);\nINSERT INTO half_done VALUES (1);\nSELECT 1 / 0;`],
    [
      '.ts',
      '0002_broken.ts',
      tsMigration(`await client.query("CREATE TABLE half_done (id int)");\nthrow new Error('the data file is missing');`),
    ],
  ])('rolls a failing %s migration back entirely, names it, and stops there', async (_kind, file, text) => {
    const url = await emptyDatabase();
    const client = await connect(url);
    const dir = await migrationsDir({
      '0001_first.sql': `CREATE TABLE first_table (id int);`,
      [file]: text,
      '0003_after.sql': `CREATE TABLE after_table (id int);`,
    });

    await expect(migrate(client, { dir })).rejects.toThrow(
      /Migration 0002_broken failed: .*(division by zero|the data file is missing)/,
    );

    expect(await tableExists(client, 'first_table')).toBe(true);
    expect(await tableExists(client, 'half_done')).toBe(false);
    expect(await tableExists(client, 'after_table')).toBe(false);
    expect(await ledger(client)).toEqual([{ version: '0001', name: '0001_first' }]);
    // The client is usable (not left inside an aborted transaction) and the lock is released:
    // another session migrates without waiting (lock_timeout turns a held lock into an error).
    expect((await client.query(`SELECT 1 AS ok`)).rows).toEqual([{ ok: 1 }]);
    const other = await connect(url, '-c lock_timeout=5000');
    // A migration that failed was never applied, so fixing it is allowed.
    await writeFile(
      join(dir, file),
      file.endsWith('.sql')
        ? `CREATE TABLE half_done (id int);`
        : tsMigration(`await client.query("CREATE TABLE half_done (id int)");`),
    );
    expect(await migrate(other, { dir })).toEqual(['0002_broken', '0003_after']);
    expect(await tableExists(client, 'half_done')).toBe(true);
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    const client = await connect(await emptyDatabase());
    const dir = await migrationsDir({ '0001_first.sql': `CREATE TABLE first_table (id int);` });
    await migrate(client, { dir });
    await writeFile(join(dir, '0001_first.sql'), `CREATE TABLE first_table (id int, extra text);`);
    await writeFile(join(dir, '0002_second.sql'), `CREATE TABLE second_table (id int);`);

    await expect(migrate(client, { dir })).rejects.toThrow(/0001_first.*never edited/);
    await expect(migrationStatus(client, dir)).rejects.toThrow(/0001_first.*never edited/);
    expect(await tableExists(client, 'second_table')).toBe(false);
    expect(await ledger(client)).toEqual([{ version: '0001', name: '0001_first' }]);
  });

  it('lets two concurrent runs on one database both finish, applying each migration exactly once', async () => {
    const url = await emptyDatabase();
    // lock_timeout bounds the wait: a lock that is never released fails the test instead of hanging it.
    const [a, b] = [await connect(url, '-c lock_timeout=20000'), await connect(url, '-c lock_timeout=20000')];
    const dir = await migrationsDir({
      // Not idempotent on purpose: running a migration twice fails (duplicate table / key).
      '0001_slow.sql': `CREATE TABLE runs (version text PRIMARY KEY);\nSELECT pg_sleep(0.3);\nINSERT INTO runs VALUES ('0001');`,
      '0002_next.ts': tsMigration(`await client.query("INSERT INTO runs VALUES ('0002')");`),
      '0003_last.sql': `INSERT INTO runs VALUES ('0003');`,
    });

    const results = await Promise.all([migrate(a, { dir }), migrate(b, { dir })]);

    expect([...results[0], ...results[1]].sort()).toEqual(['0001_slow', '0002_next', '0003_last']);
    expect(results.some((r) => r.length === 0)).toBe(true);
    expect((await a.query(`SELECT version FROM runs ORDER BY version`)).rows.map((r) => r.version)).toEqual([
      '0001',
      '0002',
      '0003',
    ]);
    expect((await ledger(a)).map((r) => r.version)).toEqual(['0001', '0002', '0003']);
  });

  it('refuses two migrations with the same version before applying anything', async () => {
    const client = await connect(await emptyDatabase());
    const dir = await migrationsDir({
      '0001_first.sql': `CREATE TABLE first_table (id int);`,
      '0002_members.sql': `CREATE TABLE members (id int);`,
      '0002_cases.sql': `CREATE TABLE cases (id int);`,
    });

    await expect(migrate(client, { dir })).rejects.toThrow(/share version 0002/);

    for (const t of ['first_table', 'members', 'cases']) expect(await tableExists(client, t)).toBe(false);
    expect(await ledger(client)).toEqual([]);
  });
});
