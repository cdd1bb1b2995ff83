import { PersonCreateSchema, PersonUpdateSchema } from '@pilar/domain/contracts';
import type { z } from 'zod';
import { scopeOf } from '../../../platform/access/actor';
import type { Ctx } from '../../../platform/access/unit-of-work';
import { badRequest } from '../../../platform/errors';
import { scopePredicate } from '../../people/people.store';
import * as people from '../../people/people.service';
import type { SyncEntity, SyncRecord } from '../sync.entity';

/** Person fields a device edits, and their columns. NIK is never sent to the device in clear. */
const FIELD_COLUMNS: Record<string, string> = {
  fullName: 'full_name',
  aliases: 'aliases',
  sex: 'sex',
  birthDate: 'birth_date',
  birthDateEstimated: 'birth_date_estimated',
  birthPlace: 'birth_place',
  villageCode: 'village_code',
  rw: 'rw',
  rt: 'rt',
  address: 'address',
  phone: 'phone',
  nik: 'nik_hash',
  nikMissingReason: 'nik_missing_reason',
};

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw badRequest(
    r.error.issues.map((i) => {
      const field = i.path.join('.') || 'data';
      return { field, code: `validation.${i.code}`, message: { id: `${field} tidak valid`, en: `${field} is invalid: ${i.message}` } };
    }),
  );
}

async function load(ctx: Ctx, ids: string[]): Promise<SyncRecord[]> {
  if (ids.length === 0) return [];
  const params: unknown[] = [ids];
  const { rows } = await ctx.db.query(
    `SELECT p.id, p.version, p.village_code, p.full_name, p.aliases, p.sex, p.birth_date::text AS birth_date,
            p.birth_date_estimated, p.birth_place, p.rw, p.rt, p.address, p.phone, p.nik_masked, p.nik_missing_reason,
            p.updated_at
     FROM person p
     WHERE p.id = ANY($1) AND p.status = 'active' AND ${scopePredicate('p.village_code', scopeOf(ctx.actor, 'person.read'), params)}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    villageCode: r.village_code,
    data: {
      fullName: r.full_name,
      aliases: r.aliases,
      sex: r.sex,
      birthDate: r.birth_date,
      birthDateEstimated: r.birth_date_estimated,
      birthPlace: r.birth_place,
      villageCode: r.village_code,
      rw: r.rw,
      rt: r.rt,
      address: r.address,
      phone: r.phone,
      nikMasked: r.nik_masked,
      nikMissingReason: r.nik_missing_reason,
      updatedAt: new Date(r.updated_at).toISOString(),
    },
  }));
}

export const personSync: SyncEntity = {
  type: 'person',
  readPermission: 'person.read',
  fieldColumns: FIELD_COLUMNS,
  load,
  async page(ctx, afterId, limit) {
    const params: unknown[] = [afterId ?? '00000000-0000-0000-0000-000000000000', limit];
    const { rows } = await ctx.db.query(
      `SELECT id FROM person p WHERE p.id > $1 AND p.status = 'active'
         AND ${scopePredicate('p.village_code', scopeOf(ctx.actor, 'person.read'), params)}
       ORDER BY p.id LIMIT $2`,
      params,
    );
    return rows.map((r) => r.id as string);
  },
  async create(ctx, id, data) {
    await people.createPerson(ctx, parse(PersonCreateSchema, { ...data, id }));
  },
  async update(ctx, id, version, patch) {
    await people.updatePerson(ctx, id, parse(PersonUpdateSchema, { ...patch, version }));
  },
};
