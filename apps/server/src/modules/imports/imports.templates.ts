import type { ImportTarget } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import { scopeOf, unauthenticated } from '../../platform/access/actor';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest, notFound } from '../../platform/errors';
import { fieldsOf } from './fields';
import * as store from './imports.store';
import { TARGET_PERMISSION } from './targets';

/**
 * Saved column mappings (field → header name), per user, optionally shared with
 * everyone working in an area (e.g. the regency's DTKS export layout).
 */
function owner(ctx: Ctx): string {
  if (!ctx.actor.userId) throw unauthenticated();
  return ctx.actor.userId;
}

const allScopes = (ctx: Ctx) => [...new Set([...scopeOf(ctx.actor, 'person.create'), ...scopeOf(ctx.actor, 'member.create')])];

export async function listTemplates(ctx: Ctx, target: ImportTarget | undefined) {
  return { items: await store.listTemplates(ctx.db, owner(ctx), allScopes(ctx), target ?? null) };
}

export async function saveTemplate(
  ctx: Ctx,
  input: { target: ImportTarget; name: string; mapping: Record<string, string>; shareWithArea?: string | undefined },
) {
  const userId = owner(ctx);
  const unknown = Object.keys(input.mapping).filter((k) => !fieldsOf(input.target).some((f) => f.key === k));
  if (unknown.length) {
    throw badRequest(
      unknown.map((k) => ({
        field: `mapping.${k}`,
        code: 'mapping.unknown_field',
        message: { id: `Kolom tujuan ${k} tidak dikenal`, en: `Unknown target field ${k}` },
      })),
    );
  }
  const area = input.shareWithArea;
  if (
    area &&
    !scopeOf(ctx.actor, TARGET_PERMISSION[input.target]).some((s) => s === 'ID' || area === s || area.startsWith(`${s}.`))
  ) {
    throw badRequest([
      {
        field: 'shareWithArea',
        code: 'template.outside_scope',
        message: { id: 'Wilayah di luar kewenangan Anda', en: 'The area is outside your scope' },
      },
    ]);
  }
  const id = await store.upsertTemplate(ctx.db, {
    id: uuidv7(),
    target: input.target,
    name: input.name,
    ownerId: userId,
    areaCode: area ?? null,
    mapping: input.mapping,
    now: ctx.clock.now(),
  });
  ctx.audit.record({
    action: 'import.template_saved',
    entityType: 'import_template',
    entityId: id,
    details: { target: input.target, shared: area ?? null },
  });
  return (await store.listTemplates(ctx.db, userId, allScopes(ctx), input.target)).find((t) => t.id === id)!;
}

export async function deleteTemplate(ctx: Ctx, id: string) {
  if (!(await store.deleteTemplate(ctx.db, id, owner(ctx))))
    throw notFound({ id: 'Templat tidak ditemukan', en: 'Template not found' });
  ctx.audit.record({ action: 'import.template_deleted', entityType: 'import_template', entityId: id });
}
