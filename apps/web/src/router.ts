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
  const area = /^\/wilayah\/(\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)$/.exec(path);
  if (area?.[1]) return { name: 'areas', code: area[1] };
  return { name: 'notFound' };
}

export function areaPath(code: string | null): string {
  return code ? `/wilayah/${code}` : '/wilayah';
}

export const userPath = (id: string) => `/pengguna/${id}`;
export const personPath = (id: string) => `/warga/${id}`;

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
