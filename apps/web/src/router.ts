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
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'referralInbox' }
  | { name: 'dashboard'; code: string | null }
  | { name: 'spm'; spm: number; code: string | null }
  | { name: 'publicStats'; code: string | null }
  | { name: 'complaint' }
  | { name: 'complaintTrack' }
  // The PSM's offline phone screens; FieldApp routes inside /lapangan (issue 6)
  | { name: 'field'; path: string }
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
    case 'cases':
    case 'case':
    case 'referralInbox':
    case 'dashboard':
    case 'spm':
    case 'field':
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
  const work = matchWorkRoute(path);
  if (work) return work;
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
  };
  if (fixed[path]) return fixed[path];
  const id = (prefix: string) => new RegExp(`^/${prefix}/(${UUID})$`, 'i').exec(path)?.[1]?.toLowerCase();
  const code = (prefix: string) => new RegExp(`^/${prefix}/(${AREA})$`).exec(path)?.[1];
  let m: string | undefined;
  if ((m = id('psm'))) return { name: 'member', id: m };
  if ((m = id('ipsm'))) return { name: 'unit', id: m };
  if ((m = id('kasus'))) return { name: 'case', id: m };
  if ((m = code('psm/cakupan'))) return { name: 'coverage', code: m };
  if ((m = code('dasbor'))) return { name: 'dashboard', code: m };
  if ((m = code('statistik'))) return { name: 'publicStats', code: m };
  const spm = new RegExp(`^/dasbor/spm/([1-5])(?:/(${AREA}))?$`).exec(path);
  if (spm?.[1]) return { name: 'spm', spm: Number(spm[1]), code: spm[2] ?? null };
  const token = /^\/verifikasi\/([A-Za-z0-9_-]{10,100})$/.exec(path);
  if (token?.[1]) return { name: 'verifyCard', token: token[1] };
  return null;
}

export function areaPath(code: string | null): string {
  return code ? `/wilayah/${code}` : '/wilayah';
}

export const userPath = (id: string) => `/pengguna/${id}`;
export const personPath = (id: string) => `/warga/${id}`;
export const memberPath = (id: string) => `/psm/${id}`;
export const unitPath = (id: string) => `/ipsm/${id}`;
export const casePath = (id: string) => `/kasus/${id}`;
export const coveragePath = (code: string | null) => (code && code !== 'ID' ? `/psm/cakupan/${code}` : '/psm/cakupan');
export const dashboardPath = (code: string | null) => (code && code !== 'ID' ? `/dasbor/${code}` : '/dasbor');
export const spmPath = (spm: number, code: string | null) => (code && code !== 'ID' ? `/dasbor/spm/${spm}/${code}` : `/dasbor/spm/${spm}`);
export const statsPath = (code: string | null) => (code && code !== 'ID' ? `/statistik/${code}` : '/statistik');

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
