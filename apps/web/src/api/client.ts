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

/**
 * GETs (or sends) JSON from the Pilar API. Throws {@link ApiError} on network failure,
 * on a non-2xx answer (carrying the problem+json body) or on an unreadable body.
 */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json, application/problem+json');
  if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  headers.set('Accept-Language', currentLanguage());

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, null, 'network');
  }

  let body: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, null, 'invalid');
    }
  }
  if (!response.ok) throw new ApiError(response.status, isProblem(body) ? body : null, 'http');
  return body as T;
}
