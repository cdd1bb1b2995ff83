import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** Helpers for the import tests (not a test file itself). */
export function multipart(filename: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----pilar${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(
  app: FastifyInstance,
  headers: Record<string, string>,
  target: string,
  filename: string,
  bytes: Buffer,
) {
  const m = multipart(filename, bytes);
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports?target=${target}`,
    headers: { ...headers, ...m.headers },
    payload: m.payload,
  });
}

export async function waitForImport(app: FastifyInstance, headers: Record<string, string>, id: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    if (['succeeded', 'failed', 'cancelled'].includes(body.status)) return body;
    if (Date.now() > end) throw new Error(`import ${id} stayed ${body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads, commits with the suggested mapping, waits; returns the finished import and its rows by number. */
export async function importFile(
  app: FastifyInstance,
  headers: Record<string, string>,
  target: string,
  filename: string,
  bytes: Buffer,
) {
  const up = await upload(app, headers, target, filename, bytes);
  expect(up.statusCode, up.body).toBe(201);
  const { id, suggestedMapping } = up.json();
  const commit = await app.inject({
    method: 'POST',
    url: `/api/v1/imports/${id}/commit`,
    headers,
    payload: { mapping: suggestedMapping },
  });
  expect(commit.statusCode, commit.body).toBe(202);
  const done = await waitForImport(app, headers, id);
  const rows = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/rows?pageSize=500`, headers });
  const byRow: Record<
    number,
    {
      status: string;
      entityId: string | null;
      nikMasked: string | null;
      reasons: { code: string; field: string; message: { id: string; en: string } }[];
      warnings: { code: string; field: string; message: { id: string; en: string } }[];
    }
  > = {};
  expect(rows.statusCode, rows.body).toBe(200);
  for (const r of rows.json().items) byRow[r.row] = r;
  return { upload: up.json(), done, byRow };
}

export function csv(rows: (string | number | null)[][], delimiter = ';'): Buffer {
  return Buffer.from(rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(delimiter)).join('\n'));
}
