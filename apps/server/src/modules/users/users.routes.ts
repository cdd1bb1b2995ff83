import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GrantableRolesSchema,
  PasswordResetResultSchema,
  ProblemSchema,
  UserCreateBodySchema,
  UserCreatedSchema,
  UserListQuerySchema,
  UserListSchema,
  UserPatchBodySchema,
  UserSchema,
} from '@pilar/domain/contracts';
import * as users from './users.service';

/**
 * User accounts within the caller's scope. Each user carries `actions`
 * (['user.manage'] when the caller may edit it); out-of-scope ids answer 404.
 */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['users'];
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
  const params = z.object({ id: z.uuid() });

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Users with a grant inside my scope (filter by area, role, status, text), by username, paginated',
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => users.listUsers(ctx, req.query)),
  );

  app.get(
    '/users/:id',
    { schema: { tags, summary: 'One user', params, response: { 200: UserSchema, 404: ProblemSchema, ...errors } } },
    async (req) => req.run((ctx) => users.getUser(ctx, req.params.id)),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user; without a password a temporary one is generated and returned once',
        body: UserCreateBodySchema,
        response: { 201: UserCreatedSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await req.run((ctx) => users.createUser(ctx, req.body))),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change display name, status (active/disabled) or grants (replaces all grants)',
        params,
        body: UserPatchBodySchema,
        response: { 200: UserSchema, 404: ProblemSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => users.updateUser(ctx, req.params.id, req.body)),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Give the user a new temporary password (returned once); unlocks the account and ends its sessions',
        params,
        response: { 200: PasswordResetResultSchema, 404: ProblemSchema, ...errors },
      },
    },
    async (req) => req.run((ctx) => users.resetPassword(ctx, req.params.id)),
  );

  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: 'Roles I may grant, the levels each is granted at, and the areas where I may grant it',
        response: { 200: GrantableRolesSchema, 401: ProblemSchema },
      },
    },
    async (req) => ({ items: users.grantable(req.actor) }),
  );
};
