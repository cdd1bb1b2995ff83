import { randomBytes } from 'node:crypto';
import { hash, type Algorithm } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import type { Grant } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import type { TestDatabase } from './db';

/**
 * Factories for integration tests (STYLE.md §11): each test builds the data it
 * needs, directly in the database as the owner, and gets back what it needs to
 * act with it.
 */

let seq = 0;
const unique = () => `${(++seq).toString(36)}${randomBytes(3).toString('hex')}`;

// Same algorithm as the server, far cheaper parameters (the server reads them from
// the hash), so building many users stays fast.
const CHEAP_ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

export interface BuiltUser {
  id: string;
  username: string;
  displayName: string;
  password: string;
  grants: Grant[];
}

export interface UserOptions {
  grants?: Grant[];
  username?: string;
  displayName?: string;
  password?: string;
  status?: 'active' | 'disabled';
  mustChangePassword?: boolean;
}

/** A user account with its grants (default: none). The password is returned in clear for signing in. */
export async function buildUser(db: Pick<TestDatabase, 'ownerQuery'>, opts: UserOptions = {}): Promise<BuiltUser> {
  const id = uuidv7();
  const username = opts.username ?? `user-${unique()}`;
  const displayName = opts.displayName ?? `Pengguna ${username}`;
  const password = opts.password ?? `Kata-sandi ${unique()} uji`;
  const grants = opts.grants ?? [];
  await db.ownerQuery(
    `INSERT INTO app_user (id, username, display_name, password_hash, status, must_change_password) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, username, displayName, await hash(password, CHEAP_ARGON2), opts.status ?? 'active', opts.mustChangePassword ?? false],
  );
  for (const g of grants) {
    await db.ownerQuery(`INSERT INTO user_grant (user_id, role, area_code) VALUES ($1, $2, $3)`, [id, g.role, g.areaCode]);
  }
  return { id, username, displayName, password, grants };
}

export interface SignedIn {
  /** Headers for `app.inject`: the session cookie and the CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
  cookie: string;
  csrfToken: string;
}

/** Signs in through the real login endpoint; fails the test when that does not work. */
export async function signIn(app: FastifyInstance, user: { username: string; password: string }): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${user.username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'pilar_session');
  if (!session) throw new Error('sign-in set no pilar_session cookie');
  const cookie = `pilar_session=${session.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return { headers: { cookie, 'x-csrf-token': csrfToken }, cookie, csrfToken };
}
