import pg from 'pg';

// Return DATE columns as 'YYYY-MM-DD' strings, never shifted through a JS Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// int8 counts fit comfortably in a JS number for our sizes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface Db {
  pool: pg.Pool;
  /** Runs `fn` inside one transaction; rolls back on any error. */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createDb(url: string, opts: { max?: number; applicationName?: string; role?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'pilar',
    idleTimeoutMillis: 30_000,
    // Acting role set in the startup packet, before any query can run.
    ...(opts.role ? { options: `-c role=${opts.role}` } : {}),
  });
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor a connection cut while checked out between two queries (PostgreSQL restarted,
  // pg_terminate_backend): pg emits 'error' on the client itself, and with no listener
  // Node would end the process. The next query on it fails and the transaction rolls back.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return {
    pool,
    tx: (fn) => withTransaction(pool, fn),
    close: () => pool.end(),
  };
}

export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
