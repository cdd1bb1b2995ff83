import { passwordProblems } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import { SYSTEM } from '../../platform/access/actor';
import { runAs, type Services } from '../../platform/access/unit-of-work';
import type { Config } from '../../platform/config';
import { generatePassword, hashPassword } from './passwords';

/**
 * First start: when no user holds an `admin` grant, creates the user `admin`
 * (admin over 'ID') with PILAR_ADMIN_PASSWORD, or with a generated password
 * printed once through `log` that must be changed at the first sign-in.
 * Safe to call on every start and from several instances at once.
 */
export async function ensureAdmin(services: Services, config: Config, log: (message: string) => void): Promise<void> {
  await runAs(services, SYSTEM, null, async (ctx) => {
    // One instance at a time: the others find the admin already there.
    await ctx.db.query(`SELECT pg_advisory_xact_lock(hashtext('pilar:ensure-admin'))`);
    const { rowCount } = await ctx.db.query(`SELECT 1 FROM user_grant WHERE role = 'admin' LIMIT 1`);
    if (rowCount) return;
    const taken = await ctx.db.query(`SELECT 1 FROM app_user WHERE username = 'admin'`);
    if (taken.rowCount) {
      log('No user holds the admin role, and the username "admin" is taken by another account: no administrator was created.');
      return;
    }
    const given = config.PILAR_ADMIN_PASSWORD;
    if (given && passwordProblems(given, 'admin').length > 0) {
      log('Warning: PILAR_ADMIN_PASSWORD does not meet the password rules; change it after the first login.');
    }
    const password = given ?? generatePassword('admin');
    const id = uuidv7();
    const now = ctx.clock.now();
    await ctx.db.query(
      `INSERT INTO app_user (id, username, display_name, password_hash, must_change_password, password_changed_at, created_at, updated_at)
       VALUES ($1, 'admin', 'Administrator', $2, $3, $4, $4, $4)`,
      [id, await hashPassword(password), !given, now],
    );
    await ctx.db.query(`INSERT INTO user_grant (user_id, role, area_code, granted_at) VALUES ($1, 'admin', 'ID', $2)`, [id, now]);
    ctx.audit.record({
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      details: { username: 'admin', grants: [{ role: 'admin', areaCode: 'ID' }], passwordGenerated: !given },
    });
    if (!given) log(`Admin login: admin / ${password} — change it after the first login`);
  });
}
