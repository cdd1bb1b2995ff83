import pg from 'pg';
import type { Config } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { migrationStatus } from '../platform/db/migrate';
import { verifyAuditChains } from '../platform/audit/audit';
import { backup } from '../platform/backup/backup';
import { restore } from '../platform/backup/restore';
import { startPilar } from '../server';

/** A command returns its exit code, or -1 to keep the process running. */
type Command = (config: Config, args: string[]) => Promise<number>;

const say = (m: string) => process.stdout.write(`${m}\n`);

const start: Command = async (config) => {
  say(config.DATABASE_URL ? 'Pilar: connecting to DATABASE_URL…' : `Pilar: starting embedded PostgreSQL (data: ${config.dataDir})…`);
  const running = await startPilar(config, { log: say });
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say(`\nPilar: ${signal} received, stopping…`);
    running.stop().then(
      () => {
        say('Pilar: stopped cleanly.');
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`Pilar: error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  say(`Pilar is running at ${running.url}  (API docs: ${running.url}/api/docs)`);
  if (running.demoLogins.length) {
    say(`Demo logins (synthetic data; password "${running.demoLogins[0]!.password}" unless changed):`);
    for (const l of running.demoLogins) say(`  ${l.username.padEnd(20)} ${l.role.padEnd(20)} ${l.areaCode}`);
  }
  say('Press Ctrl-C to stop.');
  return -1;
};

const dbMigrate: Command = async (config) => {
  const handle = await openDatabase(config, { migrate: true, log: say });
  await handle.close();
  say('Database is up to date.');
  return 0;
};

const dbStatus: Command = async (config) => {
  const handle = await openDatabase(config, { migrate: false });
  const client = new pg.Client({ connectionString: handle.ownerUrl });
  await client.connect();
  try {
    const status = await migrationStatus(client);
    say(`Current version: ${status.current ?? '(none)'}`);
    for (const m of status.applied) say(`  applied  ${m.name}  ${m.appliedAt}`);
    for (const m of status.pending) say(`  pending  ${m.name}`);
    if (!status.pending.length) say('No pending migrations.');
  } finally {
    await client.end();
    await handle.close();
  }
  return 0;
};

/** Walks every audit hash chain and reports the first broken link of each; exit 1 when any is broken. */
const auditVerify: Command = async (config) => {
  const handle = await openDatabase(config, { migrate: false });
  try {
    const reports = await verifyAuditChains(handle.db.pool);
    let broken = 0;
    for (const r of reports) {
      if (r.ok) say(`  ok      chain ${r.chain}: ${r.events} events`);
      else {
        broken++;
        say(`  BROKEN  chain ${r.chain}: first broken link at event ${r.brokenAt!.seq} — ${r.brokenAt!.reason}`);
      }
    }
    say(broken ? `Audit trail: ${broken} broken chain(s).` : `Audit trail intact (${reports.length} chains).`);
    return broken ? 1 : 0;
  } finally {
    await handle.close();
  }
};

/** `pilar backup [DIR]`: database, uploaded files and keys into a new directory. */
const backupCmd: Command = async (config, args) => {
  const out = args[0] ?? `pilar-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const handle = await openDatabase(config, { migrate: false });
  try {
    say(`Backing up to ${out} …`);
    const m = await backup({
      ownerUrl: handle.ownerUrl,
      dataDir: config.dataDir,
      outDir: out,
      keysFromEnv: Boolean(config.PILAR_LOOKUP_KEY && config.PILAR_ENCRYPTION_KEY),
      log: say,
    });
    say(`Backup complete: ${m.tables.length} tables at migration ${m.migration}${m.keys === 'from-environment' ? ' (keys come from the environment: keep them safe separately)' : ''}.`);
    return 0;
  } finally {
    await handle.close();
  }
};

/** `pilar restore DIR`: into an empty database / fresh data directory. */
const restoreCmd: Command = async (config, args) => {
  const from = args[0];
  if (!from) {
    say('Usage: pilar restore DIR   (DIR made by pilar backup; the target database must be empty)');
    return 2;
  }
  const handle = await openDatabase(config, { migrate: false });
  try {
    say(`Restoring from ${from} …`);
    await restore({ ownerUrl: handle.ownerUrl, dataDir: config.dataDir, fromDir: from, log: say });
    say('Restore complete; every table matches the backup’s checksums.');
    return 0;
  } finally {
    await handle.close();
  }
};

export const commands: Record<string, Command> = {
  backup: backupCmd,
  restore: restoreCmd,
  'audit verify': auditVerify,
  start,
  'db migrate': dbMigrate,
  'db status': dbStatus,
};
