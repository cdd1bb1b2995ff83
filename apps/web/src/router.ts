import { useSyncExternalStore, type MouseEvent } from 'react';

/** The screens Pilar knows, parsed from `location.pathname`. */
export type Route =
  | { name: 'home' }
  | { name: 'areas'; code: string | null }
  | { name: 'about' }
  | { name: 'notFound' };

const changeEvent = 'pilar:navigate';

/** Parses a path into a route. Area codes are digits and dots (e.g. `33.72.01`). */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/tentang') return { name: 'about' };
  if (path === '/wilayah') return { name: 'areas', code: null };
  const area = /^\/wilayah\/(\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)$/.exec(path);
  if (area?.[1]) return { name: 'areas', code: area[1] };
  return { name: 'notFound' };
}

export function areaPath(code: string | null): string {
  return code ? `/wilayah/${code}` : '/wilayah';
}

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
