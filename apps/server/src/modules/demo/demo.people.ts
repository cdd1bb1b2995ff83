import { DEFAULT_FORMS, formatCaseNumber, maskNik, PPKS, validateAnswers, type AnswerValue, type CaseStatus, type FormSchema } from '@pilar/domain';
import { SYSTEM } from '../../platform/access/actor';
import { runAs, type Ctx, type Services } from '../../platform/access/unit-of-work';
import { ALL_ROLLUPS, shiftRollups } from '../cases/rollups';
import { FEMALE_NAMES, MALE_NAMES, prng, SECOND_NAMES } from './demo.names';

/**
 * Synthetic persons and PPKS cases for the demo regions (Kota Surakarta 33.72 and
 * Kabupaten Bangka 19.01): a seeded PRNG makes the same data on every machine, NIKs
 * are valid but invented, rows go in as multi-row inserts, and the rollups are added
 * from the inserted rows in the same transaction. Loading twice does nothing.
 */
const SEED = 20260505;
const PER_REGENCY = 160;
const REGENCIES = ['33.72', '19.01'] as const;
const PATH: CaseStatus[] = ['identified', 'assessed', 'planned', 'in_intervention', 'monitoring'];
const COMMON_PPKS = [8, 24, 24, 9, 2, 1, 21, 11, 12, 23, 25, 5];
const FORM_FOR: Record<number, string> = { 8: 'lansia-terlantar', 1: 'anak-terlantar', 2: 'anak-terlantar', 5: 'penyandang-disabilitas', 9: 'penyandang-disabilitas', 21: 'korban-bencana', 22: 'korban-bencana' };

type Rand = () => number;
const pickOf = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A UUIDv7-shaped id from the seeded PRNG (fixed 2026 timestamp prefix + random bits). */
function demoId(r: Rand, n: number): string {
  const hex = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 16).toString(16)).join('');
  const ts = (0x019d0000_0000 + n).toString(16).padStart(12, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

/** Valid answers for any form: first option, false, the minimum… (hidden fields stay empty). */
function answersFor(schema: FormSchema): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const f of schema.fields) {
    if (f.showIf && out[f.showIf.field] !== f.showIf.equals) continue;
    out[f.name] =
      f.type === 'boolean' ? false : f.type === 'select' ? f.options![0]!.value : f.type === 'multiselect' ? [f.options![0]!.value]
        : f.type === 'number' ? (f.min ?? 1) : f.type === 'date' ? '2025-06-01' : 'Data demo';
  }
  return validateAnswers(schema, out).values;
}

async function insertRows(ctx: Ctx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${cols.map((c) => (params.push(row[c]), `$${params.length}`)).join(',')})`);
    await ctx.db.query(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${values.join(',')}`, params);
  }
}

async function loadRegency(ctx: Ctx, r: Rand, regency: string, counter: { n: number }) {
  const { rows: villages } = await ctx.db.query(`SELECT code FROM area WHERE level = 'village' AND code LIKE $1 ORDER BY code LIMIT 25`, [`${regency}.%`]);
  const now = ctx.clock.now();
  const persons: Record<string, unknown>[] = [];
  const ppksRows: Record<string, unknown>[] = [];
  const caseRows: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const assessments: Record<string, unknown>[] = [];
  const goals: Record<string, unknown>[] = [];
  const deliveries: Record<string, unknown>[] = [];
  const year = now.getUTCFullYear();
  const serialBase = (await ctx.db.query(
    `INSERT INTO case_counter (regency_code, year, last_serial) VALUES ($1, $2, $3)
     ON CONFLICT (regency_code, year) DO UPDATE SET last_serial = case_counter.last_serial + $3 RETURNING last_serial - $3 AS base`,
    [regency, year, PER_REGENCY],
  )).rows[0].base as number;
  for (let i = 0; i < PER_REGENCY; i++) {
    const id = demoId(r, counter.n++);
    const village = pickOf(r, villages).code as string;
    const sex = r() < 0.5 ? 'L' : 'P';
    const ppksCode = pickOf(r, COMMON_PPKS);
    const band = PPKS[ppksCode - 1]!.ageBand;
    const age = band?.max !== undefined && band.max < 18 ? 3 + Math.floor(r() * 12) : band?.min ? band.min + Math.floor(r() * 20) : 20 + Math.floor(r() * 45);
    const birth = `${year - age}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const [y, m, d] = birth.split('-');
    const nik = `${village.slice(0, 8).replace(/\./g, '')}${String(Number(d) + (sex === 'P' ? 40 : 0)).padStart(2, '0')}${m}${y!.slice(2)}${String(5000 + i).padStart(4, '0')}`;
    const name = `${pickOf(r, sex === 'L' ? MALE_NAMES : FEMALE_NAMES)} ${pickOf(r, SECOND_NAMES)}`;
    const openedOn = `${year}-0${1 + Math.floor(r() * 4)}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    // Registered on the day the case was opened, each later step a week apart (never after now).
    const at = (days: number) => new Date(Math.min(now.getTime(), Date.parse(`${openedOn}T02:00:00Z`) + days * 7 * 86_400_000 + 60_000 * days));
    persons.push({
      id, regency_code: regency, village_code: village, full_name: name, sex, birth_date: birth, nik_hash: ctx.ids.hash('nik', nik),
      nik_enc: ctx.ids.encrypt('nik', nik), nik_masked: maskNik(nik), created_at: at(0), updated_at: at(0),
      disability_types: ppksCode === 9 || ppksCode === 5 ? ['fisik'] : [],
    });
    ppksRows.push({ regency_code: regency, id: demoId(r, counter.n++), person_id: id, village_code: village, ppks_code: ppksCode, assessed_on: openedOn, assessor_label: 'demo', recorded_at: at(0.1) });
    const caseId = demoId(r, counter.n++);
    const closed = r() < 0.15;
    const status: CaseStatus = closed ? 'closed' : pickOf(r, PATH);
    const reached = closed ? 4 : PATH.indexOf(status);
    caseRows.push({
      regency_code: regency, id: caseId, case_number: formatCaseNumber(regency, year, serialBase + i + 1), person_id: id, village_code: village,
      ppks_code: ppksCode, need: 'Kebutuhan dasar dan pendampingan (demo)', status, closed_from: closed ? 'monitoring' : null,
      closure_reason: closed ? 'tujuan_tercapai' : null, closed_on: closed ? at(5).toISOString().slice(0, 10) : null,
      verification: r() < 0.6 ? 'not_required' : pickOf(r, ['draft', 'submitted', 'checked', 'validated'] as const),
      opened_on: openedOn, created_at: at(0.2), updated_at: at(5),
    });
    const ev = (kind: string, from: string | null, to: string | null, step: number) =>
      events.push({ regency_code: regency, id: demoId(r, counter.n++), case_id: caseId, person_id: id, village_code: village, kind, from_status: from, to_status: to, at: at(step), actor_label: 'demo' });
    ev('case.opened', null, 'identified', 0.2);
    for (let s = 1; s <= reached; s++) ev(`case.${['assess', 'plan', 'start', 'monitor'][s - 1]}`, PATH[s - 1]!, PATH[s]!, s);
    if (closed) ev('case.close', 'monitoring', 'closed', 5);
    if (reached >= 1) {
      const form = DEFAULT_FORMS.find((f) => f.code === (FORM_FOR[ppksCode] ?? 'fakir-miskin'))!;
      assessments.push({ regency_code: regency, id: demoId(r, counter.n++), case_id: caseId, person_id: id, village_code: village, form_code: form.code, form_version: 1, answers: JSON.stringify(answersFor(form.schema)), assessed_on: openedOn, assessor_label: 'demo', created_at: at(0.9) });
    }
    if (reached >= 2) goals.push({ regency_code: regency, id: demoId(r, counter.n++), case_id: caseId, person_id: id, village_code: village, description: 'Kebutuhan dasar terpenuhi', created_at: at(1.9) });
    if (reached >= 3) {
      deliveries.push({
        regency_code: regency, id: demoId(r, counter.n++), case_id: caseId, person_id: id, village_code: village, delivered_village_code: village,
        service_code: pickOf(r, ['permakanan', 'sandang', 'bimbingan-sosial', 'fasilitasi-nik', 'akses-kesehatan']), delivered_on: at(3.5).toISOString().slice(0, 10),
        deliverer_label: 'demo', quantity: 1 + Math.floor(r() * 5), unit: 'paket', created_at: at(3.5),
      });
    }
  }
  await insertRows(ctx, 'person', persons);
  await insertRows(ctx, 'person_ppks', ppksRows);
  await insertRows(ctx, 'ppks_case', caseRows);
  for (const [t, rows] of [['case_event', events], ['assessment', assessments], ['case_goal', goals], ['service_delivery', deliveries]] as const) await insertRows(ctx, t, rows);
  await shiftRollups(ctx.db, { regencyCode: regency, personIds: persons.map((p) => p.id as string) }, 1, ALL_ROLLUPS);
  return { persons: persons.length, cases: caseRows.length };
}

/** Loads the demo persons and cases once; returns how many were added (0 when already there). */
export async function loadDemoPeople(services: Services, log: (m: string) => void = () => {}): Promise<{ persons: number; cases: number }> {
  const started = Date.now();
  const r = prng(SEED);
  const firstId = demoId(prng(SEED), 0);
  const result = await runAs(services, SYSTEM, `demo-people-${started}`, async (ctx) => {
    await ctx.db.query(`SELECT pg_advisory_xact_lock(hashtext('pilar.demo.people'))`);
    if ((await ctx.db.query(`SELECT 1 FROM person WHERE id = $1`, [firstId])).rows.length) return { persons: 0, cases: 0 };
    const counter = { n: 0 };
    const total = { persons: 0, cases: 0 };
    for (const regency of REGENCIES) {
      const x = await loadRegency(ctx, r, regency, counter);
      total.persons += x.persons;
      total.cases += x.cases;
    }
    ctx.audit.record({ action: 'demo.people_loaded', entityType: 'demo', entityId: 'people', details: total });
    return total;
  });
  if (result.persons) log(`Demo persons loaded in ${Date.now() - started} ms: ${result.persons} persons, ${result.cases} cases (synthetic data only)`);
  return result;
}
