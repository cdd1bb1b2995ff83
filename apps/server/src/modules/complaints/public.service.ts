import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { COMPLAINT_STAGE_LABELS, normaliseTrackingCode, type PublicComplaintCreate } from '@pilar/domain/contracts';
import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/access/unit-of-work';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { requireVillage } from '../areas/areas.service';
import { requireProgramme } from '../programmes/recipients';
import { insertComplaint, trackingHash } from './complaints.service';
import * as store from './complaints.store';

/**
 * The public complaint form (no account): spam resistance without third parties — a
 * signed form token that carries when the form was opened (a minimum fill time) and a
 * small sum to answer, a honeypot field, one use per token, and a rate limit per
 * address (in the routes). Tracking codes are 100-bit random; only their hash is kept.
 */
export const MIN_FILL_SECONDS = 5;
const MAX_FORM_AGE_MS = 2 * 3_600_000;

// A keyed MAC with the server's lookup key; the prefix keeps it apart from any KKS hash.
const mac = (ctx: Ctx, payload: string) => ctx.ids.hash('kks', `pilar-complaint-form:${payload}`).subarray(0, 24).toString('base64url');

export function complaintForm(ctx: Ctx) {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const payload = Buffer.from(JSON.stringify({ t: ctx.clock.now().getTime(), n: randomBytes(12).toString('base64url'), a, b })).toString('base64url');
  return {
    formToken: `${payload}.${mac(ctx, payload)}`,
    question: { id: `Berapa ${a} + ${b}?`, en: `What is ${a} + ${b}?` },
    minSeconds: MIN_FILL_SECONDS,
  };
}

const rejected = (field: string, code: string, id: string, en: string) => badRequest([{ field, code, message: { id, en } }], { id, en });

function checkForm(ctx: Ctx, input: PublicComplaintCreate): string {
  // Honeypot: people never see the field.
  if (input.website && input.website.trim() !== '') throw rejected('website', 'form.rejected', 'Formulir ditolak', 'The form was rejected');
  const [payload, sig] = input.formToken.split('.');
  const expected = payload ? mac(ctx, payload) : '';
  if (!payload || !sig || sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
    throw rejected('formToken', 'form.invalid', 'Formulir tidak sah; muat ulang halaman', 'Invalid form; reload the page');
  }
  let f: { t: number; n: string; a: number; b: number };
  try {
    f = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw rejected('formToken', 'form.invalid', 'Formulir tidak sah; muat ulang halaman', 'Invalid form; reload the page');
  }
  const age = ctx.clock.now().getTime() - f.t;
  if (age < MIN_FILL_SECONDS * 1000) throw rejected('formToken', 'form.too_fast', 'Formulir dikirim terlalu cepat; periksa isian lalu kirim lagi', 'The form was sent too quickly; check it and send again');
  if (age > MAX_FORM_AGE_MS) throw rejected('formToken', 'form.expired', 'Formulir kedaluwarsa; muat ulang halaman', 'The form expired; reload the page');
  if (input.answer !== f.a + f.b) throw rejected('answer', 'form.answer', 'Jawaban hitungan salah', 'Wrong answer to the sum');
  return f.n;
}

/** Files a complaint from the public form; the tracking code is shown once. */
export async function filePublicComplaint(ctx: Ctx, input: PublicComplaintCreate) {
  const nonce = checkForm(ctx, input);
  const village = await requireVillage(ctx.db, input.villageCode, 'villageCode');
  // The public has no scope: the transaction is narrowed to this one village to write it.
  await ctx.db.query(`SELECT set_config('pilar.scope', $1, true)`, [village.code]);
  if (input.programmeCode) await requireProgramme(ctx, input.programmeCode, village.code);
  const { formToken: _t, answer: _a, website: _w, villageCode: _v, programmeCode, ...rest } = input;
  await ctx.db.query('SAVEPOINT public_complaint');
  try {
    const trackingCode = await insertComplaint(ctx, { id: uuidv7(), channel: 'publik', villageCode: village.code, personId: null, programmeCode: programmeCode ?? null, input: rest, formNonce: nonce });
    return {
      trackingCode,
      stage: 'diterima' as const,
      message: {
        id: 'Pengaduan diterima. Simpan kode pelacakan ini untuk melihat perkembangannya; kode tidak dapat ditampilkan lagi.',
        en: 'Complaint received. Keep this tracking code to follow it; it cannot be shown again.',
      },
    };
  } catch (err) {
    await ctx.db.query('ROLLBACK TO SAVEPOINT public_complaint');
    if ((err as { constraint?: string }).constraint === 'complaint_form_nonce_key') {
      throw new AppError(409, 'form_used', { id: 'Formulir ini sudah dikirim; muat ulang untuk pengaduan baru', en: 'This form was already sent; reload for a new complaint' }, [
        { field: 'formToken', code: 'form.used', message: { id: 'Formulir sudah dipakai', en: 'Form already used' } },
      ]);
    }
    throw err;
  }
}

/** What a tracking code shows: stage, history (public notes), outcome — nothing about any person. */
export async function trackComplaint(ctx: Ctx, code: string) {
  const canonical = normaliseTrackingCode(code);
  const unknown = () => notFound({ id: 'Kode pelacakan tidak dikenal', en: 'Unknown tracking code' });
  if (!canonical) throw unknown();
  const at = await store.locate(ctx.db, trackingHash(canonical));
  if (!at) throw unknown();
  await ctx.db.query(`SELECT set_config('pilar.scope', $1, true)`, [at.villageCode]);
  const c = (await store.find(ctx.db, at.id, [at.villageCode]))!;
  const names = await store.names(ctx.db, c.villageCode, c.programmeCode);
  ctx.audit.record({ action: 'complaint.tracked', entityType: 'complaint', entityId: c.id, regencyCode: c.regencyCode });
  return {
    category: c.category,
    villageName: names.villageName,
    programmeName: names.programmeName,
    stage: c.stage,
    stageLabel: COMPLAINT_STAGE_LABELS[c.stage],
    stageDueAt: c.stageDueAt,
    filedAt: c.createdAt,
    history: await store.history(ctx.db, c, false),
    outcome: c.outcome,
    outcomeNote: c.outcomeNote,
  };
}
