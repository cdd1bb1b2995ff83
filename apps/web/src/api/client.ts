import i18next from 'i18next';
import { currentLanguage, type Language } from '../i18n';

/** A message the server gives in both UI languages. */
export interface LocalizedText {
  id: string;
  en: string;
}

/**
 * The server's error body (`application/problem+json`, RFC 9457). `message` is the
 * bilingual summary; `detail` repeats it in English for generic clients.
 */
export interface Problem {
  type?: string;
  title?: string | LocalizedText;
  status?: number;
  detail?: string | LocalizedText;
  code?: string;
  message?: LocalizedText;
  errors?: { field?: string; code?: string; message: LocalizedText | string }[];
  /** Correlation id of the request, for support when something broke on the server. */
  requestId?: string;
}

/**
 * Every failed API call throws this. `problem` is the server's own explanation when it
 * sent one; `status` is 0 when the server could not be reached at all.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly kind: 'network' | 'http' | 'invalid',
  ) {
    super(problem?.code ?? `http_${status}`);
  }

  get code(): string | undefined {
    return this.problem?.code;
  }

  /** A message a person can act on, in the given (default: current) UI language. */
  localizedMessage(lang: Language = currentLanguage()): string {
    return describeError(this, lang);
  }
}

/** A server text in the current (or given) UI language. */
export function localized(text: string | LocalizedText, lang: Language = currentLanguage()): string {
  return pick(text, lang) ?? '';
}

function pick(text: string | LocalizedText | undefined, lang: Language): string | undefined {
  if (text === undefined) return undefined;
  return typeof text === 'string' ? text : text[lang] || text.id;
}

/** Turns any error into a sentence for the UI, in the given language. */
export function describeError(error: unknown, lang: Language = currentLanguage()): string {
  const t = i18next.getFixedT(lang);
  if (!(error instanceof ApiError)) return t('errors.invalidResponse');
  if (error.kind === 'network') return t('errors.network');
  if (error.kind === 'invalid') return t('errors.invalidResponse');
  const problem = error.problem;
  const fieldMessages = (problem?.errors ?? [])
    .map((e) => pick(e.message, lang))
    .filter((m): m is string => Boolean(m));
  const message =
    fieldMessages.length > 0
      ? fieldMessages.join('. ')
      : (pick(problem?.message, lang) ??
        pick(problem?.detail, lang) ??
        pick(problem?.title, lang) ??
        t('errors.status', { status: error.status }));
  if (error.status >= 500 && problem?.requestId) return `${message} ${t('errors.reference', { id: problem.requestId })}`;
  return message;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

// ── Session plumbing ────────────────────────────────────────────────────────
// The session lives in an HttpOnly cookie the app cannot read; what the app keeps
// is the CSRF token that /me and sign-in hand out, sent on every unsafe request.

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type SessionListener = (event: 'expired' | 'passwordChangeRequired') => void;
let sessionListener: SessionListener | null = null;

/**
 * Lets the session layer hear of a 401 (session expired or ended elsewhere) or a
 * 403 `password_change_required` from any call, so every screen handles them alike.
 */
export function onSessionProblem(listener: SessionListener | null): void {
  sessionListener = listener;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Options of {@link apiFetch}: `json` is sent as the body; `quiet401` is for calls that expect it (/me, sign-in). */
export interface ApiInit extends Omit<RequestInit, 'body'> {
  json?: unknown;
  body?: BodyInit | null;
  quiet401?: boolean;
}

/**
 * GETs (or sends) JSON from the Pilar API. Throws {@link ApiError} on network failure,
 * on a non-2xx answer (carrying the problem+json body) or on an unreadable body.
 */
export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, quiet401, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('Accept', 'application/json, application/problem+json');
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  // A FormData body (file upload) sets its own multipart boundary.
  if (body !== undefined && body !== null && !(body instanceof FormData) && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  headers.set('Accept-Language', currentLanguage());
  const method = (rest.method ?? 'GET').toUpperCase();
  if (UNSAFE.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);

  let response: Response;
  try {
    response = await fetch(path, { ...rest, method, body, headers, credentials: 'same-origin' });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, null, 'network');
  }

  let parsed: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, null, 'invalid');
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, isProblem(parsed) ? parsed : null, 'http');
    if (response.status === 401 && !quiet401) sessionListener?.('expired');
    if (response.status === 403 && error.code === 'password_change_required') sessionListener?.('passwordChangeRequired');
    throw error;
  }
  return parsed as T;
}

/**
 * The server's per-field messages in the current language, keyed by field
 * (`username`, `grants[0].areaCode`…): shown next to the input they belong to.
 */
export function fieldErrors(error: unknown, lang: Language = currentLanguage()): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    if (!e.field) continue;
    const text = pick(e.message, lang);
    if (text) out[e.field] = out[e.field] ? `${out[e.field]}. ${text}` : text;
  }
  return out;
}

/** The server's summary message alone (not the per-field list), for a form's top notice. */
export function summaryMessage(error: unknown, lang: Language = currentLanguage()): string {
  if (error instanceof ApiError && error.kind === 'http' && error.problem?.message) {
    return pick(error.problem.message, lang) ?? describeError(error, lang);
  }
  return describeError(error, lang);
}
