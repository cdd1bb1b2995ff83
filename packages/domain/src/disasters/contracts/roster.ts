import { z } from 'zod';

/** Volunteer roster contracts (issue 9 §5). */
export const VOLUNTEER_KINDS = ['psm', 'tagana', 'karang_taruna', 'tksk', 'pekerja_sosial', 'lks', 'relawan_lain'] as const;

export const VolunteerCreateSchema = z
  .object({
    id: z.uuid().optional(),
    kind: z.enum(VOLUNTEER_KINDS),
    name: z.string().trim().min(2).max(200),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
    organisation: z.string().trim().max(200).optional(),
    /** The volunteer's user account, when they have one: makes them a responder of the incident. */
    userId: z.uuid().optional(),
  })
  .strict();
export const VolunteerSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  kind: z.enum(VOLUNTEER_KINDS),
  name: z.string(),
  /** Only the incident's responders see phone numbers; null for everyone else. */
  phone: z.string().nullable(),
  organisation: z.string().nullable(),
  userId: z.string().nullable(),
  onDuty: z.boolean(),
});
export const VolunteerListSchema = z.object({ items: z.array(VolunteerSchema), phonesVisible: z.boolean() });

export const RosterShiftCreateSchema = z
  .object({
    id: z.uuid().optional(),
    volunteerId: z.uuid(),
    postId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    task: z.string().trim().max(200).optional(),
  })
  .strict();
export const RosterShiftCheckSchema = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();
export const RosterShiftSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  postId: z.uuid(),
  postName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  task: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
});
export const RosterShiftListQuerySchema = z.object({ postId: z.uuid().optional() }).strict();
export const RosterShiftListSchema = z.object({ items: z.array(RosterShiftSchema) });

export type VolunteerCreate = z.infer<typeof VolunteerCreateSchema>;
export type RosterShiftCreate = z.infer<typeof RosterShiftCreateSchema>;
