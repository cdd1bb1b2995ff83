import { z } from 'zod';
import { ALL_PERMISSIONS } from '../access/permissions';
import { ROLES } from '../access/roles';

/** A role held over an area, with the area's name for display ('ID' = Indonesia). */
export const GrantViewSchema = z
  .object({ role: z.enum(ROLES), areaCode: z.string(), areaName: z.string().nullable() })
  .meta({ id: 'Grant' });

export const LoginBodySchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict();

export const LogoutBodySchema = z.object({ everywhere: z.boolean().default(false) }).strict();

export const PasswordChangeBodySchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
  .strict();

/** The signed-in user: what the web app needs to render itself (GET /me, login). */
export const MeSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      mustChangePassword: z.boolean(),
    }),
    grants: z.array(GrantViewSchema),
    /** Every permission the caller holds somewhere (narrowed for API tokens). */
    permissions: z.array(z.enum(ALL_PERMISSIONS)),
    /** Send as `x-csrf-token` on every POST/PUT/PATCH/DELETE; null for API tokens. */
    csrfToken: z.string().nullable(),
    /** How the caller is signed in, and when a session ends (null for tokens). */
    via: z.enum(['session', 'token']),
    session: z.object({ expiresAt: z.string(), idleExpiresAt: z.string() }).nullable(),
  })
  .meta({ id: 'Me' });

export const TokenCreateBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(365),
    /** A subset of the caller's own permissions; absent: all of them. */
    permissions: z.array(z.string().max(64)).max(64).optional(),
  })
  .strict();

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Shown to tell tokens apart: `pilar_<prefix>_…`. */
    prefix: z.string(),
    permissions: z.array(z.string()).nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

/** The secret is returned here once and never again. */
export const TokenCreatedSchema = z.object({ token: TokenSchema, secret: z.string() }).meta({ id: 'ApiTokenCreated' });
export const TokenListSchema = z.object({ items: z.array(TokenSchema) });

export type Me = z.infer<typeof MeSchema>;
export type GrantView = z.infer<typeof GrantViewSchema>;
export type ApiToken = z.infer<typeof TokenSchema>;
