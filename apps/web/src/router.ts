import type { ImportTarget } from './modules/imports/imports.types';
// disasters (issue 9): /bencana paths
import { matchDisasterPath, type IncidentTab } from './modules/disasters/paths';
import { useSyncExternalStore, type MouseEvent } from 'react';

/** The screens Pilar knows, parsed from `location.pathname`. */
export type Route =
  | { name: 'home' }
  | { name: 'areas'; code: string | null }
  | { name: 'about' }
  | { name: 'signIn' }
  | { name: 'changePassword' }
  | { name: 'users' }
  | { name: 'userNew' }
  | { name: 'user'; id: string }
  | { name: 'persons' }
  | { name: 'personNew' }
  | { name: 'person'; id: string }
  // PSM registry, IPSM, cases, referrals, dashboard, public pages (issues 4, 5, 7)
  | { name: 'members' }
  | { name: 'memberNew' }
  | { name: 'member'; id: string }
  | { name: 'coverage'; code: string | null }
  | { name: 'verifyCard'; token: string }
  | { name: 'units' }
  | { name: 'unit'; id: string }
  // IPSM coordination screens (issue 4, org module)
  | { name: 'unitBoardNew'; id: string }
  | { name: 'unitBoardEdit'; id: string }
  | { name: 'unitAnnouncements'; id: string }
  | { name: 'unitEvents'; id: string }
  | { name: 'unitLibrary'; id: string }
  | { name: 'orgEvent'; id: string }
  | { name: 'announcements' }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'referralInbox' }
  | { name: 'dashboard'; code: string | null }
  | { name: 'spm'; spm: number; code: string | null }
  | { name: 'publicStats'; code: string | null }
  | { name: 'complaint' }
  | { name: 'complaintTrack' }
  // Programmes: usulan, distributions, complaint desk (issue 8)
  | { name: 'usulanList' }
  | { name: 'usulan'; id: string }
  | { name: 'distributions' }
  | { name: 'distribution'; id: string }
  | { name: 'complaintInbox' }
  | { name: 'complaintDesk'; id: string }
  | { name: 'musdesNew' }
  | { name: 'bnba' }
  | { name: 'programmeMemberships' }
  // Monthly PSM reports and the activity log (issue 7)
  | { name: 'monthlyReports' }
  | { name: 'monthlyReport'; id: string }
  | { name: 'activityNew' }
  // PSM registry administration: requirement settings, self-registration links and page (issue 4)
  | { name: 'memberRequirements'; code: string | null }
  | { name: 'registrationLinks' }
  | { name: 'selfRegister'; code: string }
  // The PSM's offline phone screens; FieldApp routes inside /lapangan (issue 6)
  | { name: 'field'; path: string }
  // Disaster response: incidents and their sections (issue 9)
  | { name: 'incidents' }
  | { name: 'incidentNew' }
  | { name: 'incident'; id: string; tab: IncidentTab }
  // Personal-data duties (issue 11): PrivacyApp routes inside /privasi; the public notice needs no sign-in
  | { name: 'privacy'; path: string }
  | { name: 'privacyNotice' }
  // Spreadsheet imports (imports module, issue 10)
  | { name: 'imports' }
  | { name: 'importNew'; target: ImportTarget }
  | { name: 'importRun'; id: string }
  | { name: 'notFound' };

/** Screens that need a signed-in account. */
export function needsSession(route: Route): boolean {
  switch (route.name) {
    case 'changePassword':
    case 'users':
    case 'userNew':
    case 'user':
    case 'persons':
    case 'personNew':
    case 'person':
    case 'members':
    case 'memberNew':
    case 'member':
    case 'coverage':
    case 'units':
    case 'unit':
    // IPSM coordination screens (org module)
    case 'unitBoardNew':
    case 'unitBoardEdit':
    case 'unitAnnouncements':
    case 'unitEvents':
    case 'unitLibrary':
    case 'orgEvent':
    case 'announcements':
    case 'cases':
    case 'case':
    case 'referralInbox':
    case 'dashboard':
    case 'spm':
    case 'field':
    // programmes (issue 8)
    case 'usulanList':
    case 'usulan':
    case 'distributions':
    case 'distribution':
    case 'complaintInbox':
    case 'complaintDesk':
    case 'musdesNew':
    case 'bnba':
    case 'programmeMemberships':
    case 'monthlyReports':
    case 'monthlyReport':
    case 'activityNew':
    // PSM registry administration (members module); selfRegister is public
    case 'memberRequirements':
    case 'registrationLinks':
    // spreadsheet imports (imports module)
    case 'imports':
    case 'importNew':
    case 'importRun':
    // personal-data duties (privacy module)
    case 'privacy':
    // disaster response (issue 9)
    case 'incidents':
    case 'incidentNew':
    case 'incident':
      return true;
    default:
      return false;
  }
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const changeEvent = 'pilar:navigate';

/** Parses a path into a route. Area codes are digits and dots (e.g. `33.72.01`). */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/tentang') return { name: 'about' };
  if (path === '/wilayah') return { name: 'areas', code: null };
  if (path === '/masuk') return { name: 'signIn' };
  if (path === '/ganti-kata-sandi') return { name: 'changePassword' };
  if (path === '/pengguna') return { name: 'users' };
  if (path === '/pengguna/baru') return { name: 'userNew' };
  if (path === '/warga') return { name: 'persons' };
  if (path === '/warga/baru') return { name: 'personNew' };
  // Record ids are UUIDs: no names or NIK ever appear in a URL (UU PDP, DOMAIN.md §6).
  const user = new RegExp(`^/pengguna/(${UUID})$`, 'i').exec(path);
  if (user?.[1]) return { name: 'user', id: user[1].toLowerCase() };
  const person = new RegExp(`^/warga/(${UUID})$`, 'i').exec(path);
  if (person?.[1]) return { name: 'person', id: person[1].toLowerCase() };
  if (path === '/lapangan' || path.startsWith('/lapangan/')) return { name: 'field', path };
  // privacy module (issue 11)
  if (path === '/privasi' || path.startsWith('/privasi/')) return { name: 'privacy', path };
  if (path === '/kebijakan-privasi') return { name: 'privacyNotice' };
  const work = matchWorkRoute(path);
  if (work) return work;
  const programmes = matchProgrammeRoute(path);
  if (programmes) return programmes;
  const disaster = matchDisasterPath(path);
  if (disaster) return disaster;
  const area = /^\/wilayah\/(\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)$/.exec(path);
  if (area?.[1]) return { name: 'areas', code: area[1] };
  return { name: 'notFound' };
}

const AREA = '\\d{2}(?:\\.\\d{2}(?:\\.\\d{2}(?:\\.\\d{4})?)?)?';

/** Registry, cases, dashboard and public pages. Ids are UUIDs; area codes are digits and dots. */
function matchWorkRoute(path: string): Route | null {
  const fixed: Record<string, Route> = {
    '/psm': { name: 'members' },
    '/psm/baru': { name: 'memberNew' },
    '/psm/cakupan': { name: 'coverage', code: null },
    '/ipsm': { name: 'units' },
    '/kasus': { name: 'cases' },
    '/rujukan': { name: 'referralInbox' },
    '/dasbor': { name: 'dashboard', code: null },
    '/statistik': { name: 'publicStats', code: null },
    '/pengaduan': { name: 'complaint' },
    '/pengaduan/lacak': { name: 'complaintTrack' },
    '/laporan-bulanan': { name: 'monthlyReports' },
    '/kegiatan/baru': { name: 'activityNew' },
  };
  if (fixed[path]) return fixed[path];
  const id = (prefix: string) => new RegExp(`^/${prefix}/(${UUID})$`, 'i').exec(path)?.[1]?.toLowerCase();
  const code = (prefix: string) => new RegExp(`^/${prefix}/(${AREA})$`).exec(path)?.[1];
  let m: string | undefined;
  if ((m = id('psm'))) return { name: 'member', id: m };
  if ((m = id('ipsm'))) return { name: 'unit', id: m };
  const org = matchOrgRoute(path);
  if (org) return org;
  const memberAdmin = matchMemberAdminRoute(path);
  if (memberAdmin) return memberAdmin;
  const imports = matchImportRoute(path);
  if (imports) return imports;
  if ((m = id('kasus'))) return { name: 'case', id: m };
  if ((m = id('laporan-bulanan'))) return { name: 'monthlyReport', id: m };
  if ((m = code('psm/cakupan'))) return { name: 'coverage', code: m };
  if ((m = code('dasbor'))) return { name: 'dashboard', code: m };
  if ((m = code('statistik'))) return { name: 'publicStats', code: m };
  const spm = new RegExp(`^/dasbor/spm/([1-5])(?:/(${AREA}))?$`).exec(path);
  if (spm?.[1]) return { name: 'spm', spm: Number(spm[1]), code: spm[2] ?? null };
  const token = /^\/verifikasi\/([A-Za-z0-9_-]{10,100})$/.exec(path);
  if (token?.[1]) return { name: 'verifyCard', token: token[1] };
  return null;
}

/** IPSM unit sub-screens (org module): board form, announcements, events, library. */
function matchOrgRoute(path: string): Route | null {
  if (path === '/pengumuman') return { name: 'announcements' };
  const event = new RegExp(`^/ipsm/kegiatan/(${UUID})$`, 'i').exec(path)?.[1];
  if (event) return { name: 'orgEvent', id: event.toLowerCase() };
  const sub = new RegExp(`^/ipsm/(${UUID})/(pengurus/baru|pengurus/ubah|pengumuman|kegiatan|pustaka)$`, 'i').exec(path);
  if (!sub?.[1]) return null;
  const names = { 'pengurus/baru': 'unitBoardNew', 'pengurus/ubah': 'unitBoardEdit', pengumuman: 'unitAnnouncements', kegiatan: 'unitEvents', pustaka: 'unitLibrary' } as const;
  return { name: names[sub[2] as keyof typeof names], id: sub[1].toLowerCase() };
}

/** Programme screens (issue 8): usulan, distributions, the complaint desk. Ids are UUIDs. */
function matchProgrammeRoute(path: string): Route | null {
  if (path === '/usulan') return { name: 'usulanList' };
  if (path === '/penyaluran') return { name: 'distributions' };
  if (path === '/pengaduan/masuk') return { name: 'complaintInbox' };
  if (path === '/usulan/musdes') return { name: 'musdesNew' };
  if (path === '/usulan/bnba') return { name: 'bnba' };
  if (path === '/program') return { name: 'programmeMemberships' };
  const m = new RegExp(`^/(usulan|penyaluran|pengaduan/masuk)/(${UUID})$`, 'i').exec(path);
  if (!m?.[2]) return null;
  const id = m[2].toLowerCase();
  return m[1] === 'usulan' ? { name: 'usulan', id } : m[1] === 'penyaluran' ? { name: 'distribution', id } : { name: 'complaintDesk', id };
}

export function areaPath(code: string | null): string {
  return code ? `/wilayah/${code}` : '/wilayah';
}

export const userPath = (id: string) => `/pengguna/${id}`;
export const personPath = (id: string) => `/warga/${id}`;
export const memberPath = (id: string) => `/psm/${id}`;
export const unitPath = (id: string) => `/ipsm/${id}`;
export const orgEventPath = (id: string) => `/ipsm/kegiatan/${id}`;
export const casePath = (id: string) => `/kasus/${id}`;
export const coveragePath = (code: string | null) => (code && code !== 'ID' ? `/psm/cakupan/${code}` : '/psm/cakupan');
export const dashboardPath = (code: string | null) => (code && code !== 'ID' ? `/dasbor/${code}` : '/dasbor');
export const spmPath = (spm: number, code: string | null) => (code && code !== 'ID' ? `/dasbor/spm/${spm}/${code}` : `/dasbor/spm/${spm}`);
export const statsPath = (code: string | null) => (code && code !== 'ID' ? `/statistik/${code}` : '/statistik');

// PSM registry administration (members module). The self-registration token rides in
// the fragment (`/daftar-psm/33.72#…`), never in the path the server sees.
const REGENCY = '\\d{2}\\.\\d{2}';
function matchMemberAdminRoute(path: string): Route | null {
  if (path === '/psm/persyaratan') return { name: 'memberRequirements', code: null };
  if (path === '/psm/tautan-pendaftaran') return { name: 'registrationLinks' };
  const settings = new RegExp(`^/psm/persyaratan/(${REGENCY})$`).exec(path);
  if (settings?.[1]) return { name: 'memberRequirements', code: settings[1] };
  const register = new RegExp(`^/daftar-psm/(${REGENCY})$`).exec(path);
  if (register?.[1]) return { name: 'selfRegister', code: register[1] };
  return null;
}
export const requirementsPath = (regencyCode: string | null) => (regencyCode ? `/psm/persyaratan/${regencyCode}` : '/psm/persyaratan');
export const registrationLinksPath = '/psm/tautan-pendaftaran';

/** Goes to a path inside the app without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(changeEvent));
  window.scrollTo(0, 0);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

/** The current path; re-renders on navigation and on the browser's back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/**
 * Click handler for in-app `<a href>` links: keeps normal browser behaviour for
 * new-tab clicks (modifier keys, middle button), otherwise navigates in place.
 */
export function onLinkClick(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = event.currentTarget.getAttribute('href');
  if (!href?.startsWith('/')) return;
  event.preventDefault();
  navigate(href);
}

/** Spreadsheet imports: `/impor`, `/impor/warga|psm|program` (new), `/impor/<id>` (a run). */
function matchImportRoute(path: string): Route | null {
  if (path === '/impor') return { name: 'imports' };
  const slugs = { warga: 'persons', psm: 'members', program: 'programme_memberships' } as const;
  const slug = /^\/impor\/(warga|psm|program)$/.exec(path)?.[1] as keyof typeof slugs | undefined;
  if (slug) return { name: 'importNew', target: slugs[slug] };
  const run = new RegExp(`^/impor/(${UUID})$`, 'i').exec(path)?.[1];
  return run ? { name: 'importRun', id: run.toLowerCase() } : null;
}
