import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { syntheticNik } from '../../../test/actors';
import { buildUser, signIn } from '../../../test/factories';
import type { TestDatabase } from '../../../test/db';

/** Shared set-up for the programme module tests (usulan, distributions, complaints). */
export const SOLO = { regency: '33.72', village: '33.72.01.1001', sibling: '33.72.01.1002', district: '33.72.01' } as const;
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

export type Headers = Record<string, string>;

export interface Team {
  psm: Headers;
  psmSibling: Headers;
  operator: Headers;
  verifier: Headers;
  head: Headers;
}

/** A PSM in the village, one in the next village, and the regency Dinsos: operator, verifier, head of office. */
export async function buildTeam(app: FastifyInstance, db: TestDatabase): Promise<Team> {
  const user = async (role: 'psm' | 'dinsos_kab' | 'dinsos_kab_verifier' | 'dinsos_kab_head', areaCode: string) =>
    (await signIn(app, await buildUser(db, { grants: [{ role, areaCode }] }))).headers as unknown as Headers;
  return {
    psm: await user('psm', SOLO.village),
    psmSibling: await user('psm', SOLO.sibling),
    operator: await user('dinsos_kab', SOLO.regency),
    verifier: await user('dinsos_kab_verifier', SOLO.regency),
    head: await user('dinsos_kab_head', SOLO.regency),
  };
}

let serial = 0;

/** Registers a person through the API; returns the id and the NIK used. */
export async function registerPerson(app: FastifyInstance, headers: Headers, villageCode: string, over: { nik?: string; fullName?: string } = {}) {
  serial += 1;
  const birthDate = `19${60 + (serial % 30)}-0${1 + (serial % 9)}-1${serial % 9}`;
  const sex = serial % 2 ? 'L' : 'P';
  const nik = over.nik ?? syntheticNik(villageCode.slice(0, 8), birthDate, sex, 2000 + serial + Math.floor(Math.random() * 5000));
  const res = await app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { villageCode, fullName: over.fullName ?? `Warga Program ${serial}`, nik, sex, birthDate, address: `Jl. Melati ${serial}`, rt: '1', rw: '2' } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, nik };
}

export function multipart(bytes: Buffer, filename: string, contentType: string) {
  const boundary = `----pilar${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(app: FastifyInstance, headers: Headers, url: string, bytes: Buffer, filename = 'scan.png', contentType = 'image/png') {
  const m = multipart(bytes, filename, contentType);
  return app.inject({ method: 'POST', url, headers: { ...headers, ...m.headers }, payload: m.payload });
}

/** POST/GET/PATCH helper that returns status and JSON. */
export function api(app: FastifyInstance) {
  return async (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body, res };
  };
}
