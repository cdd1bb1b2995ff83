import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isWithin, type Permission } from '@pilar/domain';
import { uuidv7 } from 'uuidv7';
import { requireAccess, scopeOf } from '../access/actor';
import type { Ctx } from '../access/unit-of-work';
import type { Db } from '../db/pool';
import { AppError, notFound } from '../errors';

/**
 * Uploaded files: photos, scanned decrees (SK), documents. The type is decided
 * from the bytes (magic numbers), never from the name or the client's header;
 * the size is limited; the file is tied to an area and to the permission needed
 * to read it, and served only through `readFileFor`.
 */
export const FILE_TYPES = {
  'image/jpeg': { ext: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  'image/png': { ext: 'png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  'image/webp': { ext: 'webp', magic: [[0x52, 0x49, 0x46, 0x46]] },
  'application/pdf': { ext: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
} as const;
export type FileType = keyof typeof FILE_TYPES;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function sniffType(bytes: Buffer): FileType | null {
  for (const [type, { magic }] of Object.entries(FILE_TYPES) as [FileType, (typeof FILE_TYPES)[FileType]][]) {
    if (magic.some((m) => m.every((b, i) => bytes[i] === b))) {
      if (type === 'image/webp' && bytes.subarray(8, 12).toString('latin1') !== 'WEBP') continue;
      return type;
    }
  }
  return null;
}

export interface StoredFile {
  id: string;
  contentType: FileType;
  sizeBytes: number;
}

function filePath(root: string, id: string): string {
  return join(root, id.slice(0, 8), id);
}

export class FileStore {
  constructor(private readonly root: string) {}

  /**
   * Checks and writes `bytes` for `area` (the caller must be allowed `permission`
   * there), records it in the transaction, and returns its id. Rejections name the field.
   */
  async save(
    ctx: Ctx,
    input: {
      bytes: Buffer;
      areaCode: string;
      readPermission: Permission;
      purpose: string;
      allowed?: FileType[];
      field?: string;
      /** Published to the whole area: readable with `readPermission` anywhere inside it too. */
      sharedWithArea?: boolean;
    },
  ): Promise<StoredFile> {
    const field = input.field ?? 'file';
    requireAccess(ctx.actor, input.readPermission);
    if (!scopeOf(ctx.actor, input.readPermission).some((s) => isWithin(input.areaCode, s))) throw notFound();
    if (input.bytes.length === 0) throw fileError(field, 'file.empty', 'Berkas kosong', 'The file is empty');
    if (input.bytes.length > MAX_FILE_BYTES) {
      throw fileError(field, 'file.too_large', `Berkas melebihi ${MAX_FILE_BYTES / 1024 / 1024} MB`, `The file exceeds ${MAX_FILE_BYTES / 1024 / 1024} MB`, 413);
    }
    const type = sniffType(input.bytes);
    const allowed = input.allowed ?? (Object.keys(FILE_TYPES) as FileType[]);
    if (!type || !allowed.includes(type)) {
      throw fileError(field, 'file.type', `Jenis berkas tidak diterima (boleh: ${allowed.join(', ')})`, `File type not accepted (allowed: ${allowed.join(', ')})`, 415);
    }
    const id = uuidv7();
    const path = filePath(this.root, id);
    await mkdir(join(this.root, id.slice(0, 8)), { recursive: true });
    await writeFile(`${path}.tmp`, input.bytes, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    await ctx.db.query(
      `INSERT INTO stored_file (id, area_code, read_permission, content_type, size_bytes, sha256, purpose, created_by, created_at, shared_with_area)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [id, input.areaCode, input.readPermission, type, input.bytes.length, createHash('sha256').update(input.bytes).digest(), input.purpose, ctx.actor.userId, ctx.clock.now(), input.sharedWithArea ?? false],
    );
    return { id, contentType: type, sizeBytes: input.bytes.length };
  }

  /** The bytes of file `id` if the caller may read it (404 otherwise, never 403). */
  async readFor(ctx: Ctx, id: string): Promise<StoredFile & { bytes: Buffer }> {
    const { rows } = await ctx.db.query(
      `SELECT area_code, read_permission, content_type, size_bytes, shared_with_area FROM stored_file WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound();
    const permission = row.read_permission as Permission;
    if (row.shared_with_area) {
      requireAccess(ctx.actor, permission);
      const area = row.area_code as string;
      if (!scopeOf(ctx.actor, permission).some((s) => isWithin(s, area) || isWithin(area, s))) throw notFound();
    } else requireAccess(ctx.actor, permission, { areaCode: row.area_code });
    const bytes = await readFile(filePath(this.root, id));
    return { id, contentType: row.content_type, sizeBytes: row.size_bytes, bytes };
  }

  /**
   * Erases files `ids` in the caller's transaction: their records go (nothing can serve
   * them any more) and each is queued in `file_erasure`. The bytes are removed by
   * `purgeErased` once that transaction committed, so a rolled-back erasure keeps
   * the files. The caller checked access (e.g. privacy.manage). Returns how many
   * records were deleted.
   */
  async delete(ctx: Ctx, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await ctx.db.query(`DELETE FROM stored_file WHERE id = ANY($1::uuid[]) RETURNING id`, [ids]);
    if (rows.length > 0) {
      await ctx.db.query(
        `INSERT INTO file_erasure (file_id, requested_at, requested_by)
         SELECT unnest($1::uuid[]), $2, $3 ON CONFLICT (file_id) DO NOTHING`,
        [rows.map((r) => r.id as string), ctx.clock.now(), ctx.actor.userId],
      );
    }
    return rows.length;
  }

  /**
   * Removes from the disk the bytes of every committed erasure, then its queue row.
   * Idempotent and safe to run from several places at once (rows are claimed with
   * SKIP LOCKED); called right after an erasing unit of work commits and by the
   * periodic privacy job, which catches anything a crash left behind.
   */
  async purgeErased(db: Db, batch = 200): Promise<number> {
    let purged = 0;
    for (;;) {
      const n = await db.tx(async (client) => {
        const { rows } = await client.query(
          `DELETE FROM file_erasure WHERE file_id IN (SELECT file_id FROM file_erasure ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING file_id`,
          [batch],
        );
        // A failed unlink (other than "already gone") rolls the claim back, so the row is retried later.
        for (const r of rows) await unlinkIfPresent(filePath(this.root, r.file_id as string));
        return rows.length;
      });
      purged += n;
      if (n < batch) return purged;
    }
  }

  /** Whether bytes for `id` are on the disk (erasure checks and tests). */
  async hasBytes(id: string): Promise<boolean> {
    return access(filePath(this.root, id)).then(
      () => true,
      () => false,
    );
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function fileError(field: string, code: string, id: string, en: string, status = 400): AppError {
  return new AppError(status, code.replace('.', '_'), { id, en }, [{ field, code, message: { id, en } }]);
}
