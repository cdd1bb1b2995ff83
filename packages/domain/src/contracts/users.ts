import { z } from 'zod';
import { ROLES } from '../access/roles';
import { GrantViewSchema } from './auth';
import { AREA_CODE_PATTERN } from './common';

/** An area code or 'ID' (national). */
export const GrantAreaSchema = z
  .string()
  .max(13)
  .refine((v) => v === 'ID' || AREA_CODE_PATTERN.test(v), 'area code like ID / 33 / 33.72 / 33.72.01 / 33.72.01.1001');

export const GrantInputSchema = z.object({ role: z.enum(ROLES), areaCode: GrantAreaSchema }).strict();

export const UserStatusSchema = z.enum(['active', 'disabled']);

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    status: UserStatusSchema,
    mustChangePassword: z.boolean(),
    locked: z.boolean(),
    grants: z.array(GrantViewSchema),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
    version: z.number().int(),
    /** What the caller may do with this account (e.g. ['user.manage']). */
    actions: z.array(z.string()),
  })
  .meta({ id: 'User' });

export const UserListQuerySchema = z
  .object({
    area: GrantAreaSchema.optional(),
    q: z.string().trim().max(100).optional(),
    role: z.enum(ROLES).optional(),
    status: UserStatusSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const UserListSchema = z.object({
  items: z.array(UserSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const UserCreateBodySchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    displayName: z.string().trim().min(1).max(100),
    /** Absent: a temporary password is generated and returned once. */
    password: z.string().min(1).max(1024).optional(),
    grants: z.array(GrantInputSchema).min(1).max(20),
  })
  .strict();

export const UserPatchBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    status: UserStatusSchema.optional(),
    /** Replaces all grants of the user. */
    grants: z.array(GrantInputSchema).min(1).max(20).optional(),
    /** Optimistic concurrency: the version the caller last saw (409 when it changed). */
    version: z.number().int().optional(),
  })
  .strict();

/** A generated password, returned once: hand it to the user, who must change it at first login. */
export const UserCreatedSchema = z.object({ user: UserSchema, temporaryPassword: z.string().nullable() });
export const PasswordResetResultSchema = z.object({ temporaryPassword: z.string() });

export const RoleInfoSchema = z
  .object({
    role: z.enum(ROLES),
    levels: z.array(z.string()),
    /** The widest areas in which the caller may grant this role. */
    areas: z.array(z.string()),
  })
  .meta({ id: 'GrantableRole' });
export const GrantableRolesSchema = z.object({ items: z.array(RoleInfoSchema) });

export type User = z.infer<typeof UserSchema>;
export type GrantInput = z.infer<typeof GrantInputSchema>;
