import type { Actor } from '../../platform/access/actor';
import { unauthenticated } from '../../platform/access/actor';
import { runAs, type Services } from '../../platform/access/unit-of-work';
import { notFound } from '../../platform/errors';
import { uploadActivityPhoto } from '../activities/activities.service';
import { uploadPersonFile, type PersonFilePurpose } from '../people/files';
import * as store from './sync.store';

export interface UploadResult {
  id: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * A photo sent from the phone under the id the phone made for it. A retried upload
 * (the answer was lost on a weak signal) returns the file stored the first time, so a
 * photo is stored once however often it travels; two retries racing each other queue
 * on a lock on that id. Bytes written by an attempt whose transaction did not commit are
 * handed to the file store's erasure queue at once, so no file is left without a record.
 */
export async function uploadOnce(
  services: Services,
  actor: Actor,
  requestId: string | null,
  /** `activity`: a PSM activity's photo (no person; stored in the PSM's village). */
  upload: { id: string; personId?: string; purpose: PersonFilePurpose | 'activity'; bytes: Buffer },
): Promise<{ created: boolean; file: UploadResult }> {
  if (actor.kind === 'anonymous' || !actor.userId) throw unauthenticated();
  // Set once bytes are on the disk (read after the transaction, so kept in an object).
  const attempt: { fileId: string | null } = { fileId: null };
  try {
    return await runAs(services, actor, requestId, async (ctx) => {
      await ctx.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 6))`, [upload.id]);
      const done = await store.findMutation(ctx.db, upload.id);
      if (done) {
        if (done.userId !== actor.userId) throw notFound();
        return { created: false, file: done.response as UploadResult };
      }
      const file =
        upload.purpose === 'activity'
          ? await uploadActivityPhoto(ctx, undefined, upload.bytes)
          : await uploadPersonFile(ctx, upload.personId!, upload.purpose, upload.bytes);
      attempt.fileId = file.id;
      await store.saveMutation(ctx.db, {
        id: upload.id,
        userId: actor.userId!,
        entityType: 'file',
        entityId: upload.personId ?? file.id,
        response: file,
        at: ctx.clock.now(),
      });
      return { created: true, file };
    });
  } catch (err) {
    // The caller hears the upload's own error; a failed clean-up is left to the periodic purge.
    if (attempt.fileId) await eraseBytes(services, attempt.fileId).catch(() => undefined);
    throw err;
  }
}

async function eraseBytes(services: Services, fileId: string): Promise<void> {
  await services.db.tx((client) =>
    client.query(
      `INSERT INTO file_erasure (file_id, requested_at, requested_by) VALUES ($1, $2, NULL) ON CONFLICT (file_id) DO NOTHING`,
      [fileId, services.clock.now()],
    ),
  );
  await services.files.purgeErased(services.db);
}
