import { AssessmentCreateSchema } from '@pilar/domain/contracts';
import { z } from 'zod';
import { scopeOf } from '../../../platform/access/actor';
import type { Ctx } from '../../../platform/access/unit-of-work';
import { AppError } from '../../../platform/errors';
import { recordAssessment } from '../../cases/assessments.service';
import { scopePredicate } from '../../people/people.store';
import type { SyncEntity, SyncRecord } from '../sync.entity';
import { parse } from './parse';

/**
 * Assessments given on the phone. Each is created once (its UUIDv7 made on the phone,
 * its mutation id remembered by the engine) and validated by the cases module against
 * the exact form version the phone rendered — a phone that still holds an older version
 * sends answers that are checked against that version, not the latest. An assessment
 * is a record of what was found on a day: it is never edited afterwards.
 */
const PushedAssessmentSchema = AssessmentCreateSchema.omit({ id: true })
  .extend({ caseId: z.uuid(), formVersion: z.number().int().min(1) })
  .strict();

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  if (ids.length === 0) return [];
  const params: unknown[] = [ids];
  const { rows } = await ctx.db.query(
    `SELECT a.id, a.case_id, a.person_id, a.village_code, a.form_code, a.form_version, a.answers,
            a.assessed_on::text AS assessed_on, a.assessor_label, a.created_at
     FROM assessment a
     WHERE a.id = ANY($1) AND ${scopePredicate('a.village_code', scopeOf(ctx.actor, 'case.read'), params)}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    version: 1,
    villageCode: r.village_code,
    data: {
      caseId: r.case_id,
      personId: r.person_id,
      villageCode: r.village_code,
      formCode: r.form_code,
      formVersion: r.form_version,
      answers: r.answers,
      assessedOn: r.assessed_on,
      assessorLabel: r.assessor_label,
      createdAt: new Date(r.created_at).toISOString(),
    },
  }));
}

const immutable = () =>
  new AppError(
    409,
    'assessment_immutable',
    {
      id: 'Asesmen yang sudah tercatat tidak dapat diubah; buat asesmen baru',
      en: 'A recorded assessment cannot be changed; record a new one',
    },
    [
      {
        field: 'data',
        code: 'assessment.immutable',
        message: { id: 'Asesmen tidak dapat diubah', en: 'Assessments cannot be changed' },
      },
    ],
  );

export const assessmentSync: SyncEntity = {
  type: 'assessment',
  readPermission: 'case.read',
  // Nothing is editable: an update names a field the engine does not know and is refused.
  fieldColumns: {},
  load,
  async page(ctx, afterId, limit) {
    const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
    const { rows } = await ctx.db.query(
      `SELECT id FROM assessment a WHERE a.id > $1 AND ${scopePredicate('a.village_code', scopeOf(ctx.actor, 'case.read'), params)}
       ORDER BY a.id LIMIT $2`,
      params,
    );
    return rows.map((r) => r.id as string);
  },
  async create(ctx, id, data) {
    const { caseId, ...input } = parse(PushedAssessmentSchema, data);
    await recordAssessment(ctx, caseId, { ...input, id });
  },
  async update() {
    throw immutable();
  },
};
