import { isWithin } from '@pilar/domain';
import type { Ctx } from '../../platform/access/unit-of-work';
import { badRequest } from '../../platform/errors';

export const PERSON_FILE_PURPOSES = ['photo', 'visit', 'consent', 'ppks_evidence', 'document'] as const;
export type PersonFilePurpose = (typeof PERSON_FILE_PURPOSES)[number];

/**
 * Checks that an uploaded file (POST /persons/:id/files) exists and belongs to the
 * person's area before a record points at it; a foreign or unknown id names the field.
 */
export async function requireAttachedFile(ctx: Ctx, fileId: string, villageCode: string, field: string): Promise<string> {
  const { rows } = await ctx.db.query(`SELECT area_code FROM stored_file WHERE id = $1`, [fileId]);
  const area = rows[0]?.area_code as string | undefined;
  if (!area || !(isWithin(villageCode, area) || isWithin(area, villageCode.slice(0, 5)))) {
    throw badRequest([{ field, code: 'file.unknown', message: { id: 'Berkas tidak ditemukan untuk orang ini; unggah ulang', en: 'File not found for this person; upload it again' } }]);
  }
  return fileId;
}

/** Stores an uploaded file for a person (photo, visit photo, consent evidence…), readable with person.read in their area. */
export async function uploadPersonFile(ctx: Ctx, personId: string, purpose: PersonFilePurpose, bytes: Buffer) {
  const { loadInScope } = await import('./people.service');
  const p = await loadInScope(ctx, personId, 'person.update');
  const stored = await ctx.files.save(ctx, {
    bytes,
    areaCode: p.villageCode,
    readPermission: 'person.read',
    purpose: `person.${purpose}`,
    allowed: purpose === 'photo' || purpose === 'visit' ? ['image/jpeg', 'image/png', 'image/webp'] : ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
  });
  ctx.audit.record({ action: 'person.file_uploaded', entityType: 'stored_file', entityId: stored.id, personId, regencyCode: p.regencyCode, details: { purpose, contentType: stored.contentType } });
  return stored;
}
