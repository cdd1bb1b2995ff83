/** Where sign-in returns to: only paths inside the app (never `//host` or a URL). */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/masuk' || value.startsWith('/masuk?')) return '/';
  return value;
}

/** The sign-in path that comes back to `next` afterwards. */
export function signInPath(next: string): string {
  const target = safeNext(next);
  return target === '/' ? '/masuk' : `/masuk?next=${encodeURIComponent(target)}`;
}
