import { can } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { ALL_ROLLUPS, withRollups } from '../cases/rollups';
import type { PersonRow } from './people.store';

/**
 * What the privacy module (issue 11) needs from the people module: restriction of
 * processing (UU PDP Pasal 11) and erasure / anonymisation (Pasal 8, 43–44) of a
 * person and the person's related rows. The privacy module decides and audits;
 * these functions only change the rows. Person-level writes elsewhere call
 * `assertEditable` so a restricted record is read-only except for the DPO.
 */

/** 423 with a clear message when `person` is restricted and the actor is not a DPO over its area. */
export function assertEditable(ctx: Ctx, person: Pick<PersonRow, 'status' | 'villageCode'>): void {
  if (person.status !== 'restricted') return;
  if (can(ctx.actor, 'privacy.manage', { areaCode: person.villageCode })) return;
  throw new AppError(423, 'person_restricted', {
    id: 'Pemrosesan data orang ini dibatasi atas permintaan subjek data (UU PDP Pasal 11); data hanya dapat dibaca. Hubungi petugas pelindungan data.',
    en: 'Processing of this person’s data is restricted at the data subject’s request (UU PDP Art. 11); the record is read-only. Contact the data protection officer.',
  });
}

/** Lets the privacy module's own steps pass the database wall on restricted rows (this transaction only). */
export async function withOverride<T>(db: Queryable, fn: () => Promise<T>): Promise<T> {
  await db.query(`SELECT set_config('pilar.privacy_override', 'on', true)`);
  // On failure the transaction is rolled back, the setting with it.
  const result = await fn();
  await db.query(`SELECT set_config('pilar.privacy_override', 'off', true)`);
  return result;
}

/** Sets a person's status to 'restricted' or back to 'active'; false when the status was not the expected one. */
export async function setRestricted(ctx: Ctx, key: { regencyCode: string; id: string }, restricted: boolean): Promise<boolean> {
  const [from, to] = restricted ? ['active', 'restricted'] : ['restricted', 'active'];
  return withOverride(ctx.db, async () => {
    const { rowCount } = await ctx.db.query(
      `UPDATE person SET status = $3, version = version + 1, updated_at = $5, updated_by = $6
       WHERE regency_code = $1 AND id = $2 AND status = $4`,
      [key.regencyCode, key.id, to, from, ctx.clock.now(), ctx.actor.userId],
    );
    return rowCount === 1;
  });
}

export const ERASED_NAME = 'Dihapus';

/** What anonymisation removed, per table, and which files were deleted. */
export interface AnonymiseReport {
  cleared: Record<string, string[]>;
  rows: Record<string, number>;
  filesDeleted: number;
}

const SCRUB: { table: string; set: string; fields: string[]; where?: string }[] = [
  { table: 'person_consent', set: 'guardian_name = NULL, guardian_relationship = NULL, withdrawal_note = NULL, evidence_file_id = NULL', fields: ['guardian_name', 'guardian_relationship', 'withdrawal_note', 'evidence_file_id'] },
  { table: 'person_ppks', set: 'evidence_note = NULL, evidence_file_id = NULL', fields: ['evidence_note', 'evidence_file_id'] },
  { table: 'ppks_case', set: `need = '${ERASED_NAME}', closure_reason = CASE WHEN closure_reason IS NULL THEN NULL ELSE '${ERASED_NAME}' END`, fields: ['need', 'closure_reason'] },
  { table: 'case_event', set: 'note = NULL, reason = NULL', fields: ['note', 'reason'] },
  { table: 'assessment', set: `answers = '{}'::jsonb`, fields: ['answers'] },
  { table: 'case_goal', set: `description = '${ERASED_NAME}'`, fields: ['description'] },
  { table: 'case_service_plan', set: 'note = NULL', fields: ['note'] },
  { table: 'service_delivery', set: 'note = NULL', fields: ['note'] },
  { table: 'follow_up', set: `purpose = '${ERASED_NAME}', outcome = NULL`, fields: ['purpose', 'outcome'] },
  { table: 'visit', set: `note = '${ERASED_NAME}', lat = NULL, lng = NULL, accuracy_m = NULL, file_ids = '{}'`, fields: ['note', 'lat', 'lng', 'accuracy_m', 'file_ids'] },
  { table: 'referral', set: `need = '${ERASED_NAME}', outcome = NULL, reject_reason = CASE WHEN reject_reason IS NULL THEN NULL ELSE '${ERASED_NAME}' END`, fields: ['need', 'outcome', 'reject_reason'] },
  { table: 'person_transfer', set: `reason = '${ERASED_NAME}', decision_note = NULL`, fields: ['reason', 'decision_note'], where: '(from_regency_code = $1 OR to_regency_code = $1) AND person_id = $2' },
];

const PERSON_FIELDS = ['full_name', 'aliases', 'sex', 'birth_date', 'birth_place', 'nik_hash', 'nik_enc', 'nik_masked', 'address', 'phone', 'rw', 'rt', 'disability_types', 'disability_severity', 'photo_file_id'];

/**
 * Erases what identifies the person: name → 'Dihapus', NIK hash / ciphertext / mask,
 * birth date and place, sex, address, RT/RW, phone, disability details and photo; free
 * text about the person in consents, categories, cases, visits, referrals and transfers;
 * attached files. Kept: the rows themselves (case figures in the rollups, dates, PPKS
 * codes, the village) and the audit trail. The person's status becomes 'deleted'.
 */
export async function anonymisePerson(ctx: Ctx, key: { regencyCode: string; id: string }): Promise<AnonymiseReport> {
  const db = ctx.db;
  const files = await db.query(
    `SELECT photo_file_id AS id FROM person WHERE regency_code = $1 AND id = $2 AND photo_file_id IS NOT NULL
     UNION SELECT evidence_file_id FROM person_consent WHERE regency_code = $1 AND person_id = $2 AND evidence_file_id IS NOT NULL
     UNION SELECT evidence_file_id FROM person_ppks WHERE regency_code = $1 AND person_id = $2 AND evidence_file_id IS NOT NULL
     UNION SELECT unnest(file_ids) FROM visit WHERE regency_code = $1 AND person_id = $2`,
    [key.regencyCode, key.id],
  );
  const report: AnonymiseReport = { cleared: { person: PERSON_FIELDS }, rows: {}, filesDeleted: 0 };
  await withOverride(db, () =>
    // The person's current categories leave the person_ppks rollup (a deleted person is no longer served); case figures stay.
    withRollups(db, { regencyCode: key.regencyCode, personIds: [key.id] }, ALL_ROLLUPS, async () => {
      const { rowCount } = await db.query(
        `UPDATE person SET full_name = $3, aliases = '{}', sex = NULL, birth_date = NULL, birth_date_estimated = false, birth_place = NULL,
                nik_hash = NULL, nik_enc = NULL, nik_masked = NULL, nik_missing_reason = 'tidak_diketahui', address = NULL, phone = NULL,
                rw = NULL, rt = NULL, disability_types = '{}', disability_severity = NULL, photo_file_id = NULL,
                status = 'deleted', merged_into = NULL, version = version + 1, updated_at = $4, updated_by = $5
         WHERE regency_code = $1 AND id = $2`,
        [key.regencyCode, key.id, ERASED_NAME, ctx.clock.now(), ctx.actor.userId],
      );
      report.rows.person = rowCount ?? 0;
      for (const s of SCRUB) {
        const r = await db.query(`UPDATE ${s.table} SET ${s.set} WHERE ${s.where ?? 'regency_code = $1 AND person_id = $2'}`, [key.regencyCode, key.id]);
        report.rows[s.table] = r.rowCount ?? 0;
        report.cleared[s.table] = s.fields;
      }
      const hm = await db.query(
        `UPDATE household_member SET left_on = coalesce(left_on, $3::date) WHERE regency_code = $1 AND person_id = $2`,
        [key.regencyCode, key.id, ctx.clock.now().toISOString().slice(0, 10)],
      );
      report.rows.household_member = hm.rowCount ?? 0;
    }),
  );
  const ids = files.rows.map((r) => r.id as string);
  if (ids.length) {
    // The file records go now; the bytes leave the disk once this transaction commits (FileStore.purgeErased).
    report.filesDeleted = await ctx.files.delete(ctx, ids);
  }
  return report;
}

/** The raw person row in any status, without scope (the caller checked access). */
export async function personStatus(db: Queryable, key: { regencyCode: string; id: string }): Promise<string | null> {
  const { rows } = await db.query(`SELECT status FROM person WHERE regency_code = $1 AND id = $2`, [key.regencyCode, key.id]);
  return rows[0]?.status ?? null;
}
