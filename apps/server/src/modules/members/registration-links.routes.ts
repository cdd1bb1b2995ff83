import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '@pilar/domain/contracts';
import { listRegistrationLinks, revokeRegistrationLink } from './registration-links.service';

// The listed link: who made it and when, its use and whether it still works; never the token.
const RegistrationLinkListItemSchema = z
  .object({
    id: z.uuid(),
    regencyCode: z.string(),
    regencyName: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string(),
    uses: z.number().int(),
    maxUses: z.number().int(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    state: z.enum(['berlaku', 'kedaluwarsa', 'habis', 'dicabut']),
  })
  .meta({ id: 'RegistrationLinkListItem' });
const RegistrationLinkListSchema = z.object({ items: z.array(RegistrationLinkListItemSchema) });

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** Listing and revoking self-registration links (making one is in members.routes.ts). */
export const registrationLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['members'];
  app.get('/member-registration-links', { schema: { tags, summary: 'Self-registration links of the caller’s regencies (never the token)', response: { 200: RegistrationLinkListSchema, ...errors } } },
    async (req) => req.run((ctx) => listRegistrationLinks(ctx)));

  app.post('/member-registration-links/:id/revoke', { schema: { tags, summary: 'Revoke a self-registration link (registrations through it are refused)', params: z.object({ id: z.uuid() }), response: { 200: RegistrationLinkListItemSchema, ...errors } } },
    async (req) => req.run((ctx) => revokeRegistrationLink(ctx, req.params.id)));
};
