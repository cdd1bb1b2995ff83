import { can, validateAnswers, validateFormSchema, type FormSchema } from '@pilar/domain';
import type { FormCreate } from '@pilar/domain/contracts';
import { requireAccess } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import * as store from './forms.store';

const formNotFound = () => notFound({ id: 'Formulir atau versinya tidak ditemukan', en: 'Form or form version not found' });

function actionsFor(ctx: Ctx): string[] {
  return can(ctx.actor, 'reference.manage') ? ['publish'] : [];
}

/** Assessment forms (any signed-in case worker may read them; they hold no personal data). */
export async function listForms(ctx: Ctx, ppks?: number) {
  requireAccess(ctx.actor, 'case.read');
  return { items: (await store.list(ctx.db, ppks)).map((f) => ({ ...f, actions: actionsFor(ctx) })) };
}

export async function getFormVersion(ctx: Ctx, code: string, version?: number) {
  requireAccess(ctx.actor, 'case.read');
  const v = await store.findVersion(ctx.db, code, version);
  if (!v) throw formNotFound();
  return v;
}

function checkSchema(schema: FormSchema): void {
  const problems = validateFormSchema(schema);
  if (problems.length) throw badRequest(problems.map((p) => ({ ...p, field: `schema.${p.field}` })));
}

/** A new form with its version 1 (reference.manage). */
export async function createForm(ctx: Ctx, input: FormCreate) {
  requireAccess(ctx.actor, 'reference.manage');
  checkSchema(input.schema);
  if (await store.exists(ctx.db, input.code)) {
    throw new AppError(409, 'form_exists', { id: 'Kode formulir sudah dipakai', en: 'The form code is already used' }, [
      { field: 'code', code: 'form.duplicate', message: { id: 'Kode sudah dipakai', en: 'Code already used' } },
    ]);
  }
  await store.insertDefinition(ctx.db, { code: input.code, title: input.title, ppksCodes: input.ppksCodes, now: ctx.clock.now() });
  await store.publish(ctx.db, input.code, input.schema, null, ctx.clock.now(), ctx.actor.userId);
  ctx.audit.record({ action: 'form.created', entityType: 'form', entityId: input.code });
  return (await store.findVersion(ctx.db, input.code, 1))!;
}

/** Publishes a new version. Earlier versions stay as they were: answers keep their version. */
export async function publishVersion(ctx: Ctx, code: string, input: { schema: FormSchema; note?: string }) {
  requireAccess(ctx.actor, 'reference.manage');
  if (!(await store.exists(ctx.db, code))) throw formNotFound();
  checkSchema(input.schema);
  const version = await store.publish(ctx.db, code, input.schema, input.note ?? null, ctx.clock.now(), ctx.actor.userId);
  ctx.audit.record({ action: 'form.published', entityType: 'form', entityId: `${code}@${version}` });
  return (await store.findVersion(ctx.db, code, version))!;
}

/**
 * Validates answers against the exact version they are given under (the latest when
 * none is named). Returns the version used and the cleaned answers.
 */
export async function validateFor(ctx: Ctx, code: string, version: number | undefined, answers: Record<string, unknown>) {
  const v = await store.findVersion(ctx.db, code, version);
  if (!v) {
    throw badRequest([{ field: version === undefined ? 'formCode' : 'formVersion', code: 'form.unknown', message: { id: 'Formulir atau versinya tidak ditemukan', en: 'Form or form version not found' } }]);
  }
  const r = validateAnswers(v.schema, answers);
  if (!r.ok) throw badRequest(r.errors);
  return { version: v.version as number, values: r.values };
}
