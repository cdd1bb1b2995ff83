import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Issue, Msg } from '@pilar/domain';

/**
 * One error shape for the whole API (STYLE.md §7): RFC 9457 problem+json with a
 * stable `code`, a message in Bahasa Indonesia and English, and the offending
 * fields. Unknown errors become 500 with a correlation id and nothing internal.
 */
export interface FieldError {
  field: string;
  code: string;
  message: Msg;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly msg: Msg,
    readonly errors: FieldError[] = [],
  ) {
    super(msg.en);
    this.name = 'AppError';
  }
}

export const notFound = (what: Msg = { id: 'Data tidak ditemukan', en: 'Not found' }) =>
  new AppError(404, 'not_found', what);

export function badRequest(errors: FieldError[] | Issue[], msg?: Msg): AppError {
  return new AppError(
    400,
    'invalid_input',
    msg ?? {
      id: `Masukan tidak valid: ${errors.map((e) => e.field).join(', ')}`,
      en: `Invalid input: ${errors.map((e) => e.field).join(', ')}`,
    },
    errors,
  );
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  message: Msg;
  errors: FieldError[];
  requestId: string;
}

function problem(status: number, code: string, message: Msg, errors: FieldError[], requestId: string): Problem {
  return {
    type: `https://pilar.id/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail: message.en,
    message,
    errors,
    requestId,
  };
}

/** Bilingual message for one schema validation issue (zod issue codes). */
function describeValidation(keyword: string, field: string, params: Record<string, unknown>, raw: string): Msg {
  switch (keyword) {
    case 'invalid_type':
      return /received undefined/.test(raw)
        ? { id: `${field} wajib diisi`, en: `${field} is required` }
        : { id: `${field} harus bertipe ${String(params.expected)}`, en: `${field} must be of type ${String(params.expected)}` };
    case 'too_small':
      return {
        id: `${field} terlalu pendek/kecil (minimal ${String(params.minimum)})`,
        en: `${field} is too short/small (minimum ${String(params.minimum)})`,
      };
    case 'too_big':
      return {
        id: `${field} terlalu panjang/besar (maksimal ${String(params.maximum)})`,
        en: `${field} is too long/large (maximum ${String(params.maximum)})`,
      };
    case 'invalid_format':
      return { id: `${field} formatnya tidak valid`, en: `${field} has an invalid format` };
    case 'invalid_value':
      return {
        id: `${field} harus salah satu dari: ${(params.values as unknown[] | undefined)?.join(', ') ?? ''}`,
        en: `${field} must be one of: ${(params.values as unknown[] | undefined)?.join(', ') ?? ''}`,
      };
    case 'unrecognized_keys':
      return {
        id: `Kolom tidak dikenal: ${(params.keys as string[] | undefined)?.join(', ') ?? ''}`,
        en: `Unknown fields: ${(params.keys as string[] | undefined)?.join(', ') ?? ''}`,
      };
    default:
      return { id: `${field} tidak valid`, en: `${field} is invalid: ${raw}` };
  }
}

export function toProblem(err: unknown, requestId: string): Problem {
  if (err instanceof AppError) return problem(err.status, err.code, err.msg, err.errors, requestId);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const params = (v.params ?? {}) as Record<string, unknown>;
      const keys = v.keyword === 'unrecognized_keys' ? (params.keys as string[] | undefined) : undefined;
      const field = path || keys?.join(',') || (err as FastifyError).validationContext || 'body';
      return { field, code: `validation.${v.keyword}`, message: describeValidation(v.keyword, field, params, v.message ?? '') };
    });
    return problem(400, 'invalid_input', {
      id: `Masukan tidak valid: ${errors.map((e) => e.field).join(', ')}`,
      en: `Invalid input: ${errors.map((e) => e.field).join(', ')}`,
    }, errors, requestId);
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large…
    const field =
      fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'content-type'
        : fe.code === 'FST_ERR_BAD_URL' || fe.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'url'
          : 'body';
    const msg = clientErrorMessage(fe.code, fe.statusCode);
    const code = CLIENT_ERROR_CODES[fe.code ?? ''] ?? 'client_error';
    return problem(fe.statusCode, code, msg, [{ field, code, message: msg }], requestId);
  }
  return problem(500, 'internal', {
    id: `Terjadi kesalahan pada server. Sebutkan kode ${requestId} saat melapor.`,
    en: `Something went wrong on the server. Quote ${requestId} when reporting it.`,
  }, [], requestId);
}

const CLIENT_ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'url_too_long',
};

function clientErrorMessage(code: string | undefined, status: number): Msg {
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { id: 'Isi permintaan bukan JSON yang valid', en: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { id: 'Isi permintaan terlalu besar', en: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { id: 'Jenis isi (Content-Type) tidak didukung', en: 'Unsupported Content-Type' };
    case 'FST_ERR_BAD_URL':
      return { id: 'Alamat (URL) tidak valid', en: 'The URL is not valid' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { id: 'Alamat (URL) terlalu panjang', en: 'The URL is too long' };
    default:
      return { id: `Permintaan tidak dapat diproses (${status})`, en: `The request cannot be processed (${status})` };
  }
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.status(p.status).type('application/problem+json').send(p);
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(err, req.id);
  if (p.status >= 500) req.log.error({ err, requestId: req.id }, 'unhandled error');
  return sendProblem(reply, p);
}
