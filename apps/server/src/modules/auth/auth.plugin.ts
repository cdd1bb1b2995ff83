import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/errors';
import { userRoutes } from '../users/users.routes';
import { identifySession, identifyToken, type Identity } from './auth.identity';
import { authRoutes, SESSION_COOKIE, sessionCookieOptions } from './auth.routes';
import { safeEqual } from './passwords';
import { tokenRoutes } from './tokens.routes';

declare module 'fastify' {
  interface FastifyRequest {
    /** How the caller signed in (session cookie or API token); null when anonymous. */
    identity: Identity | null;
  }
  interface FastifyContextConfig {
    /** false: the route takes cookie-authenticated writes without the CSRF header (only sign-in). */
    csrf?: boolean;
    /** true: usable while the user must still change a temporary password. */
    allowPendingPasswordChange?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrfRefused = () =>
  new AppError(403, 'csrf', {
    id: 'Permintaan ditolak: token CSRF (header x-csrf-token) tidak ada atau salah. Muat ulang halaman lalu coba lagi.',
    en: 'Request refused: the CSRF token (header x-csrf-token) is missing or wrong. Reload the page and try again.',
  });

const passwordChangeRequired = () =>
  new AppError(403, 'password_change_required', {
    id: 'Ganti kata sandi sementara Anda terlebih dahulu',
    en: 'Change your temporary password first',
  });

/**
 * Resolves who is calling, once per request: an `Authorization: Bearer pilar_…`
 * API token, else the `pilar_session` cookie (one query each). Cookie-authenticated
 * writes must carry the session's CSRF token in `x-csrf-token` (SameSite=Lax alone
 * does not cover every browser and subdomain case). Also serves the auth, token
 * and user routes under /api/v1.
 */
export const authPlugin = fp(
  async (app) => {
    const services = app.pilar;
    if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
    app.decorateRequest('identity', null);

    app.addHook('onRequest', async (req, reply) => {
      const authorization = req.headers.authorization;
      if (authorization && /^bearer\s/i.test(authorization)) {
        req.identity = await identifyToken(services, authorization.slice(7).trim());
        req.actor = req.identity.actor;
        return;
      }
      const cookieValue = req.cookies[SESSION_COOKIE];
      if (!cookieValue) return;
      const identity = await identifySession(services, cookieValue);
      if (!identity || identity.via !== 'session') {
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(services.config));
        return;
      }
      const config = req.routeOptions.config;
      if (UNSAFE.has(req.method) && config?.csrf !== false) {
        const header = req.headers['x-csrf-token'];
        if (!safeEqual(typeof header === 'string' ? header : undefined, identity.csrfToken)) throw csrfRefused();
      }
      req.identity = identity;
      req.actor = identity.actor;
      if (identity.mustChangePassword && !config?.allowPendingPasswordChange) throw passwordChangeRequired();
    });

    await app.register(
      async (v1) => {
        await v1.register(authRoutes);
        await v1.register(tokenRoutes);
        await v1.register(userRoutes);
      },
      { prefix: '/api/v1' },
    );
  },
  { name: 'pilar-auth' },
);
