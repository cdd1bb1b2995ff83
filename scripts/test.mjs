#!/usr/bin/env node
// Runs every test tier and ends with one line: "N passed, N failed[, N skipped]".
//   1. builds the web app (browser tests drive the real build),
//   2. runs the unit, integration and browser projects (embedded PostgreSQL 18),
//   3. if a PostgreSQL server answers on 127.0.0.1:5432 (or TEST_DATABASE_URL is set),
//      runs the integration tier again against it, so an external server is proven too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'node_modules', '.pilar-test');
mkdirSync(outDir, { recursive: true });
const extraArgs = process.argv.slice(2);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

async function externalPostgres() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version_num');
    await client.end();
    return Number(rows[0].server_version_num) >= 150000 ? url : null;
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function vitest(label, projectArgs, env = {}) {
  const out = join(outDir, `${label}.json`);
  writeFileSync(out, '{}');
  console.log(`\n=== ${label} ===`);
  const status = run('npx', ['vitest', 'run', ...projectArgs, '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...extraArgs], env);
  let report = {};
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    /* counted below */
  }
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  totals.passed += passed;
  totals.skipped += skipped;
  // A crashed run (no report, non-zero exit) counts as a failure, never as a pass.
  totals.failed += status !== 0 && failed === 0 ? 1 : failed;
  console.log(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

// Static checks count as tests: a type error or a lint error fails the run.
for (const [label, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['web build', 'build:web:force'],
]) {
  console.log(`\n=== ${label} ===`);
  if (run('npm', ['run', '--silent', script]) === 0) totals.passed += 1;
  else {
    console.error(`${label} failed`);
    totals.failed += 1;
  }
}

vitest('all tiers (embedded PostgreSQL)', ['--project', 'unit', '--project', 'integration', '--project', 'browser'], {
  TEST_DATABASE_URL: '',
});

const external = await externalPostgres();
if (external) {
  vitest(`integration (external PostgreSQL at ${new URL(external).host})`, ['--project', 'integration'], {
    TEST_DATABASE_URL: external,
  });
} else {
  console.log('\nNo external PostgreSQL answered on 127.0.0.1:5432; the external-server run was not made.');
}

const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
writeFileSync(join(outDir, 'summary.txt'), summary + '\n');
console.log(`\n${summary}`);
process.exit(totals.failed === 0 ? 0 : 1);
