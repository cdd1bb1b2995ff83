import rateLimit from '@fastify/rate-limit';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBodySchema, LogoutBodySchema, MeSchema, PasswordChangeBodySchema, ProblemSchema } from '@pilar/domain/contracts';
import { unauthenticated } from '../../platform/access/actor';
import type { Config } from '../../platform/config';
import { AppError } from '../../platform/errors';
import * as auth from './auth.service';

export const SESSION_COOKIE = 'pilar_session';

export function sessionCookieOptions(config: Config, expires?: Date): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies, ...(expires ? { expires } : {}) };
}

/** Sign-in attempts per minute per IP: configured, else 30 (off in the test profile). */
function loginRate(config: Config): number {
  return config.PILAR_LOGIN_RATE_PER_MINUTE ?? (config.NODE_ENV === 'test' ? 0 : 30);
}

async function withRetryAfter<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof auth.AccountLockedError) reply.header('retry-after', String(err.retryAfterSeconds));
    throw err;
  }
}

/** Sign in and out, the caller's own account (/me) and password. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.pilar;
  const tags = ['auth'];
  const perMinute = loginRate(services.config);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError(429, 'rate_limited', {
        id: `Terlalu banyak percobaan dari alamat ini. Coba lagi dalam ${seconds} detik.`,
        en: `Too many attempts from this address. Try again in ${seconds} seconds.`,
      });
    },
  });
  const limited = perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {};

  app.post(
    '/auth/login',
    {
      config: { csrf: false, allowPendingPasswordChange: true, ...limited },
      schema: {
        tags,
        summary: 'Sign in: sets the HttpOnly session cookie; returns the account and the CSRF token',
        body: LoginBodySchema,
        response: { 200: MeSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) =>
      withRetryAfter(reply, async () => {
        const { sessionToken, identity } = await auth.login(services, req.body, req.id);
        reply.setCookie(SESSION_COOKIE, sessionToken, sessionCookieOptions(services.config, identity.expiresAt));
        return auth.presentMe(services.db.pool, identity);
      }),
  );

  app.post(
    '/auth/logout',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags,
        summary: 'Sign out of this session, or with {everywhere: true} out of every session of the account',
        body: LogoutBodySchema.nullish(),
        response: { 204: z.null(), 403: ProblemSchema },
      },
    },
    async (req, reply) => {
      await auth.logout(services, req.identity, req.body?.everywhere ?? false, req.id);
      if (req.identity?.via === 'session') reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(services.config));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags,
        summary: 'The signed-in account: grants, effective permissions, CSRF token, session expiry',
        response: { 200: MeSchema, 401: ProblemSchema },
      },
    },
    async (req) => {
      if (!req.identity) throw unauthenticated();
      return auth.presentMe(services.db.pool, req.identity);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { allowPendingPasswordChange: true, ...limited },
      schema: {
        tags,
        summary: 'Change the own password (ends every other session)',
        body: PasswordChangeBodySchema,
        response: { 200: MeSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req) => {
      if (!req.identity) throw unauthenticated();
      const identity = await auth.changePassword(services, req.identity, req.body, req.id);
      return auth.presentMe(services.db.pool, identity);
    },
  );
};
