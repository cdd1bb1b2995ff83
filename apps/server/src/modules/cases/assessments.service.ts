import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/access/unit-of-work';
import type { Queryable } from '../../platform/db/pool';
import { validateFor } from '../forms/forms.service';
import { loadCase, loadOpenCase } from './cases.access';
import { recordEvent } from './cases.service';
import { localDate } from './dates';

async function insert(db: Queryable, a: Record<string, unknown>) {
  await db.query(
    `INSERT INTO assessment (regency_code, id, case_id, person_id, village_code, form_code, form_version, answers, assessed_on, assessed_by, assessor_label, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [a.regencyCode, a.id, a.caseId, a.personId, a.villageCode, a.formCode, a.formVersion, JSON.stringify(a.answers), a.assessedOn, a.assessedBy, a.assessorLabel, a.now],
  );
}

async function list(db: Queryable, key: { regencyCode: string; caseId: string }) {
  const { rows } = await db.query(
    `SELECT id, case_id AS "caseId", form_code AS "formCode", form_version AS "formVersion", answers, assessed_on::text AS "assessedOn",
            assessor_label AS "assessorLabel", created_at AS "createdAt"
     FROM assessment WHERE regency_code = $1 AND case_id = $2 ORDER BY assessed_on, created_at, id`,
    [key.regencyCode, key.caseId],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

/**
 * Records an assessment: the answers are validated on the server against the form
 * version they were given under (offline devices may still hold an older version).
 */
export async function recordAssessment(
  ctx: Ctx,
  caseId: string,
  input: { id?: string; formCode: string; formVersion?: number; answers: Record<string, unknown>; assessedOn?: string },
) {
  const c = await loadOpenCase(ctx, caseId);
  const { version, values } = await validateFor(ctx, input.formCode, input.formVersion, input.answers);
  const id = input.id ?? uuidv7();
  const now = ctx.clock.now();
  const assessedOn = input.assessedOn ?? localDate(now, c.villageCode);
  await insert(ctx.db, {
    regencyCode: c.regencyCode, id, caseId, personId: c.personId, villageCode: c.villageCode, formCode: input.formCode, formVersion: version,
    answers: values, assessedOn, assessedBy: ctx.actor.userId, assessorLabel: ctx.actor.username, now,
  });
  await recordEvent(ctx, c, { kind: 'assessment.recorded', details: { assessmentId: id, formCode: input.formCode, formVersion: version } });
  ctx.audit.record({ action: 'case.assessment_recorded', entityType: 'assessment', entityId: id, personId: c.personId, regencyCode: c.regencyCode, details: { formCode: input.formCode, formVersion: version } });
  return (await list(ctx.db, { regencyCode: c.regencyCode, caseId })).find((a) => a.id === id)!;
}

export async function listAssessments(ctx: Ctx, caseId: string) {
  const c = await loadCase(ctx, caseId);
  ctx.audit.record({ action: 'case.assessments_read', entityType: 'case', entityId: caseId, personId: c.personId, regencyCode: c.regencyCode });
  return { items: await list(ctx.db, { regencyCode: c.regencyCode, caseId }) };
}
