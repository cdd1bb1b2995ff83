import type { MemberCreate } from '@pilar/domain/contracts';
import type { Actor } from '../src/platform/access/actor';
import * as members from '../src/modules/members/members.service';
import { actorWith, as, syntheticNik } from './actors';
import type { TestDatabase } from './db';

let serial = 1;

/** A valid PSM registration for `villageCode` (synthetic NIK, adult). */
export function memberInput(villageCode: string, over: Partial<MemberCreate> = {}): MemberCreate {
  const sex = over.sex ?? (serial % 2 ? 'L' : 'P');
  const birthDate = over.birthDate ?? `19${70 + (serial % 25)}-0${1 + (serial % 9)}-1${serial % 10}`;
  const n = serial++;
  return {
    villageCode,
    fullName: `PSM Uji ${n}`,
    sex,
    birthDate,
    nik: syntheticNik(villageCode.slice(0, 8), birthDate, sex, n),
    skNumber: `SK/${n}/2025`,
    skDate: '2025-01-10',
    skIssuer: 'Kepala Desa',
    ...over,
  };
}

const admin = actorWith(['admin', 'ID']);

/**
 * Builds a member through the real services: registered, and by default verified
 * (aktif). `kta` issues a temporary KTA; `training` records one training.
 */
export async function buildMember(
  db: TestDatabase,
  villageCode: string,
  opts: { status?: 'diajukan' | 'aktif'; kta?: boolean; training?: boolean; by?: Actor; input?: Partial<MemberCreate> } = {},
) {
  const created = await as(db, opts.by ?? admin, (ctx) => members.createMember(ctx, memberInput(villageCode, opts.input)));
  let m = created as Awaited<ReturnType<typeof members.getMember>>;
  if ((opts.status ?? 'aktif') === 'aktif') {
    m = await as(db, admin, (ctx) => members.transition(ctx, created.id, { transition: 'verify', version: m.version }));
  }
  if (opts.kta) {
    m = await as(db, admin, (ctx) => members.issueKta(ctx, created.id, { number: `KTA-${created.id.slice(-8)}`, kind: 'sementara', date: '2025-02-01', version: m.version }));
  }
  if (opts.training) {
    m = await as(db, admin, (ctx) => members.addTraining(ctx, created.id, { trainedOn: '2024-05-05', title: 'Bimbingan PSM', organiser: 'Dinsos' }));
  }
  return m;
}
