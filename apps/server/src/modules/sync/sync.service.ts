import { isDeepStrictEqual } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf, unauthenticated } from '../../platform/access/actor';
import { runAs, type Ctx, type Services } from '../../platform/access/unit-of-work';
import type { Actor } from '../../platform/access/actor';
import { AppError, notFound, toProblem } from '../../platform/errors';
import { decodeCursor, encodeCursor, type Cursor } from './sync.cursor';
import type { SyncEntity, SyncRecord } from './sync.entity';
import * as store from './sync.store';

/**
 * The sync protocol (ARCHITECTURE.md decision 7). Push: each mutation once
 * (its id is remembered), based on a version; fields changed elsewhere since
 * that version and set to a different value become conflicts a person
 * resolves, the rest merges. Pull: a first snapshot, then the change log
 * between snapshot horizons, in resumable pages, limited to the caller's scope.
 */
export interface Mutation {
  id: string;
  entityType: string;
  entityId: string;
  op: 'create' | 'update';
  baseVersion?: number;
  data: Record<string, unknown>;
}

export type MutationResult =
  | { mutationId: string; status: 'applied' | 'merged'; entityId: string; version: number; conflicts: { field: string; conflictId: string }[] }
  | { mutationId: string; status: 'rejected'; entityId: string; error: ReturnType<typeof toProblem> };

export class SyncEngine {
  private readonly entities = new Map<string, SyncEntity>();
  register(e: SyncEntity): this {
    this.entities.set(e.type, e);
    return this;
  }
  get types(): SyncEntity[] {
    return [...this.entities.values()];
  }
  entity(type: string): SyncEntity {
    const e = this.entities.get(type);
    if (!e) {
      throw new AppError(400, 'invalid_input', { id: `Jenis data ${type} tidak disinkronkan`, en: `Record type ${type} is not synced` }, [
        { field: 'entityType', code: 'sync.type', message: { id: 'Jenis data tidak dikenal', en: 'Unknown record type' } },
      ]);
    }
    return e;
  }

  /** Applies pushed mutations in order, each in its own transaction, so progress survives a dropped connection. */
  async push(services: Services, actor: Actor, requestId: string | null, mutations: Mutation[]): Promise<MutationResult[]> {
    if (actor.kind === 'anonymous' || !actor.userId) throw unauthenticated();
    const results: MutationResult[] = [];
    for (const m of mutations) {
      try {
        results.push(await runAs(services, actor, requestId, (ctx) => this.applyOne(ctx, m)));
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const rejected: MutationResult = { mutationId: m.id, status: 'rejected', entityId: m.entityId, error: toProblem(err, requestId ?? '') };
        // Remember the refusal too: a replay shows the same reason instead of trying again.
        await runAs(services, actor, requestId, async (ctx) => {
          if (!(await store.findMutation(ctx.db, m.id))) {
            await store.saveMutation(ctx.db, { id: m.id, userId: actor.userId!, entityType: m.entityType, entityId: m.entityId, response: rejected, at: ctx.clock.now() });
          }
        });
        results.push(rejected);
      }
    }
    return results;
  }

  private async applyOne(ctx: Ctx, m: Mutation): Promise<MutationResult> {
    const done = await store.findMutation(ctx.db, m.id);
    if (done) {
      if (done.userId !== ctx.actor.userId) throw notFound();
      return done.response as MutationResult;
    }
    const entity = this.entity(m.entityType);
    let result: MutationResult;
    if (m.op === 'create') {
      await entity.create(ctx, m.entityId, m.data);
      const [rec] = await entity.load(ctx, [m.entityId]);
      result = { mutationId: m.id, status: 'applied', entityId: m.entityId, version: rec?.version ?? 1, conflicts: [] };
    } else {
      result = await this.update(ctx, entity, m);
    }
    await store.saveMutation(ctx.db, { id: m.id, userId: ctx.actor.userId!, entityType: m.entityType, entityId: m.entityId, response: result, at: ctx.clock.now() });
    ctx.audit.record({ action: 'sync.mutation_applied', entityType: m.entityType, entityId: m.entityId, details: { mutationId: m.id, status: result.status } });
    return result;
  }

  private async update(ctx: Ctx, entity: SyncEntity, m: Mutation): Promise<MutationResult> {
    const [current] = await entity.load(ctx, [m.entityId]);
    if (!current) throw notFound();
    const base = m.baseVersion ?? current.version;
    const changedElsewhere = base < current.version ? await store.columnsChangedSince(ctx.db, entity.type, m.entityId, base) : new Set<string>();
    const apply: Record<string, unknown> = {};
    const clashes: { field: string; conflictId: string }[] = [];
    for (const [field, value] of Object.entries(m.data)) {
      const column = entity.fieldColumns[field];
      if (!column) {
        throw new AppError(400, 'invalid_input', { id: `Kolom ${field} tidak dapat disinkronkan`, en: `Field ${field} cannot be synced` }, [
          { field, code: 'sync.field', message: { id: 'Kolom tidak dikenal', en: 'Unknown field' } },
        ]);
      }
      const serverValue = current.data[field];
      if (isDeepStrictEqual(serverValue ?? null, value ?? null)) continue;
      if (changedElsewhere.has(column)) {
        // The same field was edited in two places: never a silent overwrite.
        const conflictId = uuidv7();
        await store.insertConflict(ctx.db, {
          id: conflictId,
          entityType: entity.type,
          entityId: m.entityId,
          villageCode: current.villageCode,
          field,
          baseVersion: base,
          serverValue,
          serverBy: await store.lastActorLabel(ctx.db, m.entityId),
          clientValue: value,
          clientBy: ctx.actor.username,
          clientUserId: ctx.actor.userId,
          mutationId: m.id,
          at: ctx.clock.now(),
        });
        ctx.audit.record({ action: 'sync.conflict_recorded', entityType: entity.type, entityId: m.entityId, details: { field, conflictId } });
        clashes.push({ field, conflictId });
      } else {
        apply[field] = value;
      }
    }
    if (Object.keys(apply).length) await entity.update(ctx, m.entityId, current.version, apply);
    const [after] = await entity.load(ctx, [m.entityId]);
    return {
      mutationId: m.id,
      status: base < current.version ? 'merged' : 'applied',
      entityId: m.entityId,
      version: after?.version ?? current.version,
      conflicts: clashes,
    };
  }

  /** One page of changes for the caller's device. */
  async pull(ctx: Ctx, cursorText: string | undefined, limit: number) {
    if (ctx.actor.kind === 'anonymous') throw unauthenticated();
    const readable = this.types.filter((e) => scopeOf(ctx.actor, e.readPermission).length > 0);
    let cursor: Cursor = cursorText
      ? decodeCursor(cursorText)
      : { v: 1, phase: 'snapshot', horizon: await store.horizon(ctx.db), type: 0, after: null };
    const items: { type: string; id: string; op: 'upsert' | 'remove'; record?: SyncRecord }[] = [];

    while (cursor.phase === 'snapshot' && items.length < limit) {
      const entity = readable[cursor.type];
      if (!entity) {
        cursor = { v: 1, phase: 'changes', from: cursor.horizon, to: null, afterXid: null, afterId: null };
        break;
      }
      const room = limit - items.length;
      const ids = await entity.page(ctx, cursor.after, room);
      for (const rec of await entity.load(ctx, ids)) items.push({ type: entity.type, id: rec.id, op: 'upsert', record: rec });
      cursor = ids.length < room ? { ...cursor, type: cursor.type + 1, after: null } : { ...cursor, after: ids.at(-1) ?? null };
    }

    let more = cursor.phase === 'snapshot';
    if (cursor.phase === 'changes' && items.length < limit) {
      const to = cursor.to ?? (await store.horizon(ctx.db));
      const types = readable.map((e) => e.type);
      const scopes = [...new Set(readable.flatMap((e) => scopeOf(ctx.actor, e.readPermission)))];
      const want = limit - items.length;
      const rows = await store.changesBetween(ctx.db, { from: cursor.from, to, afterXid: cursor.afterXid, afterId: cursor.afterId, types, scopes, limit: want });
      const byType = new Map<string, Set<string>>();
      for (const r of rows) byType.set(r.entityType, (byType.get(r.entityType) ?? new Set()).add(r.entityId));
      for (const [type, ids] of byType) {
        const found = new Map((await this.entity(type).load(ctx, [...ids])).map((r) => [r.id, r]));
        for (const id of ids) {
          const rec = found.get(id);
          items.push(rec ? { type, id, op: 'upsert', record: rec } : { type, id, op: 'remove' });
        }
      }
      const last = rows.at(-1);
      if (rows.length === want && last) {
        cursor = { v: 1, phase: 'changes', from: cursor.from, to, afterXid: last.xid, afterId: last.id };
        more = true;
      } else {
        cursor = { v: 1, phase: 'changes', from: to, to: null, afterXid: null, afterId: null };
        more = false;
      }
    }
    const sent = items.filter((i) => i.op === 'upsert');
    if (sent.length) {
      ctx.audit.record({ action: 'sync.pulled', entityType: 'sync', details: { count: sent.length, ids: sent.map((i) => i.id) } });
    }
    return { items, cursor: encodeCursor(cursor), more };
  }

  async conflicts(ctx: Ctx, open: boolean) {
    if (ctx.actor.kind === 'anonymous') throw unauthenticated();
    const scopes = [...new Set(this.types.flatMap((e) => scopeOf(ctx.actor, e.readPermission)))];
    return store.listConflicts(ctx.db, scopes, open);
  }

  /** A person decides a conflict: keep the server's value, take the device's, or enter another. */
  async resolve(ctx: Ctx, id: string, choice: { resolution: 'server' | 'client' | 'other'; value?: unknown }) {
    const scopes = [...new Set(this.types.flatMap((e) => scopeOf(ctx.actor, e.readPermission)))];
    const c = await store.findConflict(ctx.db, id, scopes);
    if (!c) throw notFound();
    if (c.resolvedAt) throw new AppError(409, 'conflict_resolved', { id: 'Konflik ini sudah diselesaikan', en: 'This conflict was already resolved' });
    const entity = this.entity(c.entityType);
    requireAccess(ctx.actor, entity.readPermission, { areaCode: c.villageCode });
    const value = choice.resolution === 'server' ? c.serverValue : choice.resolution === 'client' ? c.clientValue : choice.value;
    if (choice.resolution !== 'server') {
      const [current] = await entity.load(ctx, [c.entityId]);
      if (!current) throw notFound();
      await entity.update(ctx, c.entityId, current.version, { [c.field]: value });
    }
    await store.resolveConflict(ctx.db, { id, by: ctx.actor.userId, resolution: choice.resolution, value, at: ctx.clock.now() });
    ctx.audit.record({ action: 'sync.conflict_resolved', entityType: c.entityType, entityId: c.entityId, details: { field: c.field, resolution: choice.resolution } });
    return { ...c, resolvedAt: ctx.clock.now().toISOString(), resolution: choice.resolution };
  }
}
