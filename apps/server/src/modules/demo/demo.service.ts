import { uuidv7 } from 'uuidv7';
import { loadDemoPeople } from './demo.people';
import type { Config } from '../../platform/config';
import { SYSTEM } from '../../platform/access/actor';
import { runAs, type Ctx, type Services } from '../../platform/access/unit-of-work';
import { setUserPassword } from '../auth/auth.service';
import { bulkLoadMembers, type BulkMember } from '../members/members.service';
import { createBoard, createUnit } from '../org/org.service';
import { createUser } from '../users/users.service';
import { FEMALE_NAMES, MALE_NAMES, prng, SECOND_NAMES } from './demo.names';

/**
 * The synthetic demo data set (issue 4), loaded once on the first start when
 * PILAR_DEMO is true: IPSM units and boards for Kepulauan Bangka Belitung (19) and
 * Kota Surakarta (33.72), ≈ 408 PSM over Babel's villages (some with none, some with
 * several) and one PSM per kelurahan in Solo (DOMAIN.md §1 figures), and one demo user
 * per role. Deterministic (seeded PRNG); every member passes the registry's rules.
 */
export const DEMO_PASSWORD = 'pilar-demo-2026';
const MARKER = 'demo.issue4';
const BABEL_PSM = 408;

export interface DemoLogin {
  username: string;
  role: string;
  areaCode: string;
  password: string;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Villages → number of PSM: mostly one, some none, some several, summing to `total`. */
function spread(r: () => number, villages: string[], total: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of villages) {
    const x = r();
    counts.set(v, x < 0.1 ? 0 : x < 0.72 ? 1 : x < 0.9 ? 2 : x < 0.97 ? 3 : 5);
  }
  let sum = [...counts.values()].reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const v = pick(r, villages);
    const c = counts.get(v)!;
    if (sum < total && c >= 1 && c < 6) {
      counts.set(v, c + 1);
      sum++;
    } else if (sum > total && c >= 2) {
      counts.set(v, c - 1);
      sum--;
    }
  }
  return counts;
}

function synthMember(r: () => number, villageCode: string, serials: Map<string, number>, regencyName: string): BulkMember {
  const sex: 'L' | 'P' = r() < 0.55 ? 'P' : 'L';
  const year = 1962 + Math.floor(r() * 40);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  const district = villageCode.slice(0, 8);
  const serial = (serials.get(district) ?? 0) + 1;
  serials.set(district, serial);
  // NIK: district of registration + birth date (+40 for women) + serial (DOMAIN.md §5); 9xxx marks demo data.
  const nik = `${district.replace(/\./g, '')}${pad(day + (sex === 'P' ? 40 : 0))}${pad(month)}${String(year).slice(2)}${String(9000 + serial).padStart(4, '0')}`;
  const fullName = `${pick(r, sex === 'P' ? FEMALE_NAMES : MALE_NAMES)} ${pick(r, SECOND_NAMES)}`;
  const x = r();
  const status = x < 0.84 ? 'aktif' : x < 0.91 ? 'tidak_aktif' : x < 0.97 ? 'diajukan' : 'berhenti';
  const activeYear = 2012 + Math.floor(r() * 13);
  const active = status !== 'diajukan';
  const withSk = active ? r() < 0.85 : r() < 0.4;
  const withKta = status === 'aktif' && r() < 0.55;
  return {
    villageCode,
    fullName,
    sex,
    birthDate,
    nik,
    phone: `08${1 + Math.floor(r() * 9)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
    sk: withSk ? { number: `400.9/${Math.floor(r() * 90) + 10}/${activeYear}`, date: `${activeYear}-${pad(1 + Math.floor(r() * 12))}-15`, issuer: villageCode.split('.')[3]!.startsWith('1') ? 'Lurah' : 'Kepala Desa' } : null,
    kta: withKta ? { number: '', kind: 'sementara', date: `${Math.max(activeYear, 2020)}-07-01` } : null,
    status,
    stopReason: status === 'berhenti' ? pick(r, ['mengundurkan_diri', 'pindah_domisili', 'meninggal'] as const) : null,
    activeSince: active ? `${activeYear}-${pad(1 + Math.floor(r() * 12))}-01` : null,
    training: active && r() < 0.65 ? { trainedOn: `${activeYear}-${pad(2 + Math.floor(r() * 9))}-10`, title: 'Bimbingan Teknis PSM', organiser: `Dinas Sosial ${regencyName}` } : null,
    healthStatement: r() < 0.7,
  };
}

async function loadMembers(ctx: Ctx) {
  const r = prng(20260417);
  const { rows: babelVillages } = await ctx.db.query(`SELECT code FROM area WHERE level = 'village' AND code LIKE '19.%' ORDER BY code`);
  const { rows: soloVillages } = await ctx.db.query(`SELECT code FROM area WHERE level = 'village' AND code LIKE '33.72.%' ORDER BY code`);
  const { rows: regencies } = await ctx.db.query(`SELECT code, name FROM area WHERE parent_code = '19' OR code = '33.72' ORDER BY code`);
  const regencyName = new Map(regencies.map((x) => [x.code as string, x.name as string]));
  const counts = spread(r, babelVillages.map((v) => v.code as string), BABEL_PSM);
  const serials = new Map<string, number>();
  const members: BulkMember[] = [];
  for (const [village, n] of counts) for (let i = 0; i < n; i++) members.push(synthMember(r, village, serials, regencyName.get(village.slice(0, 5)) ?? ''));
  // Solo: one PSM per kelurahan (seed 002: 54 members from 54 kelurahan), all active.
  for (const v of soloVillages) members.push({ ...synthMember(r, v.code, serials, regencyName.get('33.72')!), status: 'aktif', stopReason: null, activeSince: '2019-01-01' });
  // KTA numbers per regency (sementara, by IPSM kab/kota); no national PSM number exists.
  const ktaSerial = new Map<string, number>();
  for (const m of members) {
    if (!m.kta) continue;
    const reg = m.villageCode.slice(0, 5);
    const n = (ktaSerial.get(reg) ?? 0) + 1;
    ktaSerial.set(reg, n);
    m.kta.number = `IPSM-${reg.replace('.', '')}-S${String(n).padStart(4, '0')}`;
  }
  const ids = await bulkLoadMembers(ctx, members, 'demo');
  return { members, ids, regencies };
}

async function loadOrg(ctx: Ctx, members: BulkMember[], ids: string[], regencies: { code: string; name: string }[]) {
  const r = prng(7);
  const activeIn = (area: string) => members.flatMap((m, i) => (m.status === 'aktif' && m.villageCode.startsWith(`${area}.`) ? [ids[i]!] : []));
  const units: { areaCode: string; chosenBy: 'munas' | 'musda' | 'muscab'; issuer: string }[] = [
    { areaCode: 'ID', chosenBy: 'munas', issuer: 'Menteri Sosial' },
    { areaCode: '19', chosenBy: 'musda', issuer: 'Gubernur Kepulauan Bangka Belitung' },
    ...regencies.map((g) => ({ areaCode: g.code, chosenBy: 'muscab' as const, issuer: g.name.startsWith('Kota') ? `Wali Kota ${g.name.replace(/^Kota /, '')}` : `Bupati ${g.name.replace(/^Kab(upaten|\.)? /, '')}` })),
  ];
  for (const u of units) {
    const unit = await createUnit(ctx, { areaCode: u.areaCode });
    const pool = u.areaCode === 'ID' ? [] : activeIn(u.areaCode);
    const who = (i: number) => (pool.length > i ? { memberId: pool[Math.floor(r() * pool.length)]! } : { personName: `${pick(r, MALE_NAMES)} ${pick(r, SECOND_NAMES)}` });
    // The previous term (2019–2024) is history; the current board (2024–2029) ended it.
    await createBoard(ctx, unit.id, { termStart: 2019, termEnd: 2024, chosenBy: u.chosenBy, chosenOn: '2019-06-15', skNumber: `460/${u.areaCode}/2019`, skDate: '2019-07-01', skIssuer: u.issuer, positions: [{ position: 'ketua', ...who(0) }, { position: 'sekretaris', ...who(1) }] });
    const positions = [
      { position: 'ketua' as const, ...who(0) },
      { position: 'wakil_ketua' as const, ...who(1) },
      { position: 'sekretaris' as const, ...who(2) },
      { position: 'bendahara' as const, ...who(3) },
      { position: 'bidang' as const, title: 'Bidang Pendidikan dan Pelatihan', ...who(4) },
      { position: 'bidang' as const, title: 'Bidang Hubungan Masyarakat', ...who(5) },
    ];
    // One person per position: drop repeated members.
    const seen = new Set<string>();
    const unique = positions.filter((p) => {
      const id = 'memberId' in p ? p.memberId : undefined;
      if (!id) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    await createBoard(ctx, unit.id, { termStart: 2024, termEnd: 2029, chosenBy: u.chosenBy, chosenOn: '2024-06-22', skNumber: `460/${u.areaCode}/2024`, skDate: '2024-07-15', skIssuer: u.issuer, positions: unique });
  }
  return units.length;
}

const DEMO_USERS: { username: string; displayName: string; role: string; area: string | 'solo-village' | 'bangka-village' }[] = [
  { username: 'dinsos.babel', displayName: 'Dinsos Provinsi Kep. Bangka Belitung (demo)', role: 'dinsos_prov', area: '19' },
  { username: 'dinsos.bangka', displayName: 'Operator Dinsos Kab. Bangka (demo)', role: 'dinsos_kab', area: '19.01' },
  { username: 'verifikator.bangka', displayName: 'Verifikator Dinsos Kab. Bangka (demo)', role: 'dinsos_kab_verifier', area: '19.01' },
  { username: 'kadis.bangka', displayName: 'Kepala Dinsos Kab. Bangka (demo)', role: 'dinsos_kab_head', area: '19.01' },
  { username: 'ipsm.bangka', displayName: 'Pengurus IPSM Kab. Bangka (demo)', role: 'ipsm_pengurus', area: '19.01' },
  { username: 'dinsos.solo', displayName: 'Operator Dinsos Kota Surakarta (demo)', role: 'dinsos_kab', area: '33.72' },
  { username: 'verifikator.solo', displayName: 'Verifikator Dinsos Kota Surakarta (demo)', role: 'dinsos_kab_verifier', area: '33.72' },
  { username: 'ipsm.solo', displayName: 'Pengurus IPSM Kota Surakarta (demo)', role: 'ipsm_pengurus', area: '33.72' },
  { username: 'ipsm.nasional', displayName: 'Pengurus IPSM Nasional (demo)', role: 'ipsm_pengurus', area: 'ID' },
  { username: 'psm.solo', displayName: 'PSM Kota Surakarta (demo)', role: 'psm', area: 'solo-village' },
  { username: 'psm.bangka', displayName: 'PSM Kab. Bangka (demo)', role: 'psm', area: 'bangka-village' },
  { username: 'kemensos', displayName: 'Kementerian Sosial (demo)', role: 'kemensos', area: 'ID' },
  { username: 'mitra.solo', displayName: 'Mitra LKS Kota Surakarta (demo)', role: 'mitra', area: '33.72' },
];

async function loadUsers(ctx: Ctx, members: BulkMember[]): Promise<DemoLogin[]> {
  const villageOf = (prefix: string) => members.find((m) => m.status === 'aktif' && m.villageCode.startsWith(prefix))!.villageCode;
  const logins: DemoLogin[] = [];
  for (const u of DEMO_USERS) {
    const areaCode = u.area === 'solo-village' ? villageOf('33.72.') : u.area === 'bangka-village' ? villageOf('19.01.') : u.area;
    const { user } = await createUser(ctx, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, grants: [{ role: u.role as never, areaCode }] });
    // Demo accounts keep the documented password (no forced change at first sign-in).
    await setUserPassword(ctx.db, user.id, DEMO_PASSWORD, ctx.clock.now(), false);
    logins.push({ username: u.username, role: u.role, areaCode, password: DEMO_PASSWORD });
  }
  return logins;
}

/**
 * Loads the demo data set once (a marker row records it); returns the demo logins to
 * print, or [] when PILAR_DEMO is false or the data set is already there.
 */
export async function loadDemoData(services: Services, config: Pick<Config, 'PILAR_DEMO'>, log: (m: string) => void = () => {}): Promise<DemoLogin[]> {
  if (!config.PILAR_DEMO) return [];
  const started = Date.now();
  const result = await runAs(services, SYSTEM, `demo-${uuidv7()}`, async (ctx) => {
    // One loader at a time (several processes may start together).
    await ctx.db.query(`SELECT pg_advisory_xact_lock(hashtext('pilar.demo'))`);
    const done = await ctx.db.query(`SELECT 1 FROM demo_marker WHERE name = $1`, [MARKER]);
    if (done.rows[0]) return null;
    const { members, ids, regencies } = await loadMembers(ctx);
    const units = await loadOrg(ctx, members, ids, regencies);
    const logins = await loadUsers(ctx, members);
    const details = { members: ids.length, units, users: logins.length };
    await ctx.db.query(`INSERT INTO demo_marker (name, loaded_at, details) VALUES ($1, $2, $3)`, [MARKER, ctx.clock.now(), details]);
    ctx.audit.record({ action: 'demo.loaded', entityType: 'demo', entityId: MARKER, details });
    return logins;
  });
  if (!result) return [];
  // Persons and cases in the same demo regions (their own marker: loaded once).
  await loadDemoPeople(services, log);
  log(`Demo data loaded in ${Date.now() - started} ms: ${result.length} demo users, password "${DEMO_PASSWORD}" (synthetic data only)`);
  return result;
}

/** The demo accounts present in this database (printed at every start, so nobody has to dig for them). */
export async function listDemoLogins(services: Services): Promise<DemoLogin[]> {
  const { rows } = await services.db.pool.query(
    `SELECT u.username, g.role, g.area_code FROM app_user u JOIN user_grant g ON g.user_id = u.id
     WHERE u.username = ANY($1) AND u.status = 'active' ORDER BY array_position($1, u.username)`,
    [DEMO_USERS.map((u) => u.username)],
  );
  return rows.map((r) => ({ username: r.username, role: r.role, areaCode: r.area_code, password: DEMO_PASSWORD }));
}
