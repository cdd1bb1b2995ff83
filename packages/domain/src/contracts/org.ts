import { z } from 'zod';
import { AreaCodeSchema } from './common';

const UnitArea = z.union([z.literal('ID'), AreaCodeSchema]);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);

export const UNIT_LEVELS = ['nasional', 'provinsi', 'kabkota', 'kecamatan', 'desa'] as const;
/** How a board is chosen: Munas (nasional), Musda (provinsi), Muscab (kab/kota), Muscam, Musdes. */
export const MUSYAWARAH_KINDS = ['munas', 'musda', 'muscab', 'muscam', 'musdes', 'lainnya'] as const;
export const BOARD_POSITIONS = ['ketua', 'wakil_ketua', 'sekretaris', 'wakil_sekretaris', 'bendahara', 'wakil_bendahara', 'bidang', 'anggota', 'penasihat'] as const;
export const EVENT_KINDS = ['munas', 'musda', 'muscab', 'mukernas', 'rakor', 'bulan_bhakti', 'sarasehan', 'studi_banding', 'pelatihan', 'lainnya'] as const;

export const UnitCreateSchema = z.object({ areaCode: UnitArea, name: Text(200).optional(), address: z.string().trim().max(500).optional() }).strict();
export const UnitUpdateSchema = z.object({ name: Text(200).optional(), address: z.string().trim().max(500).nullable().optional(), version: Version }).strict();

export const BoardPositionInputSchema = z
  .object({
    position: z.enum(BOARD_POSITIONS),
    title: z.string().trim().min(1).max(200).optional(),
    memberId: z.uuid().optional(),
    personName: Text(200).optional(),
  })
  .strict();

export const BoardCreateSchema = z
  .object({
    termStart: z.number().int().min(1950).max(2200),
    termEnd: z.number().int().min(1950).max(2200),
    chosenBy: z.enum(MUSYAWARAH_KINDS),
    chosenOn: z.iso.date().optional(),
    minutesFileId: z.uuid().optional(),
    skNumber: Text(100).optional(),
    skDate: z.iso.date().optional(),
    skIssuer: Text(200).optional(),
    positions: z.array(BoardPositionInputSchema).max(100).default([]),
  })
  .strict();

export const BoardUpdateSchema = BoardCreateSchema.partial().extend({ version: Version }).strict();

export const BoardSchema = z
  .object({
    id: z.uuid(),
    unitId: z.uuid(),
    termStart: z.number().int(),
    termEnd: z.number().int(),
    chosenBy: z.enum(MUSYAWARAH_KINDS),
    chosenOn: z.string().nullable(),
    minutesFileId: z.uuid().nullable(),
    sk: z.object({ number: z.string().nullable(), date: z.string().nullable(), issuer: z.string().nullable() }),
    status: z.enum(['current', 'ended']),
    endedOn: z.string().nullable(),
    positions: z.array(
      z.object({
        id: z.uuid(),
        position: z.enum(BOARD_POSITIONS),
        title: z.string().nullable(),
        memberId: z.uuid().nullable(),
        name: z.string(),
      }),
    ),
    version: z.number().int(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'IpsmBoard' });

export const UnitSchema = z
  .object({
    id: z.uuid(),
    areaCode: z.string(),
    areaName: z.string(),
    level: z.enum(UNIT_LEVELS),
    name: z.string(),
    address: z.string().nullable(),
    currentBoard: BoardSchema.nullable(),
    version: z.number().int(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'IpsmUnit' });

export const UnitListQuerySchema = z
  .object({
    area: UnitArea.optional(),
    level: z.enum(UNIT_LEVELS).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const UnitListSchema = z.object({
  items: z.array(UnitSchema.omit({ currentBoard: true })),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export const BoardListSchema = z.object({ items: z.array(BoardSchema) });

export const AnnouncementCreateSchema = z.object({ title: Text(200), body: Text(10_000) }).strict();
export const AnnouncementSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
});
export const AnnouncementListSchema = z.object({ items: z.array(AnnouncementSchema) });
export const AnnouncementQuerySchema = z.object({ area: UnitArea }).strict();

export const EventCreateSchema = z
  .object({
    kind: z.enum(EVENT_KINDS),
    title: Text(200),
    startsOn: z.iso.date(),
    endsOn: z.iso.date().optional(),
    place: z.string().trim().max(300).optional(),
    agenda: z.string().trim().max(10_000).optional(),
  })
  .strict();
export const EventSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  place: z.string().nullable(),
  agenda: z.string().nullable(),
  attendance: z.array(z.object({ memberId: z.uuid(), fullName: z.string(), villageName: z.string() })),
  actions: z.array(z.string()),
});
export const EventListSchema = z.object({ items: z.array(EventSchema.omit({ attendance: true }).extend({ attendees: z.number().int() })) });
export const AttendanceBodySchema = z.object({ memberIds: z.array(z.uuid()).max(2000) }).strict();

export const LibraryItemCreateSchema = z
  .object({
    title: Text(200),
    description: z.string().trim().max(2000).optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    fileId: z.uuid().optional(),
  })
  .strict();
export const LibraryItemSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  fileId: z.uuid().nullable(),
  createdAt: z.string(),
});
export const LibraryListSchema = z.object({ items: z.array(LibraryItemSchema) });

export type UnitCreate = z.infer<typeof UnitCreateSchema>;
export type BoardCreate = z.infer<typeof BoardCreateSchema>;
export type Board = z.infer<typeof BoardSchema>;
export type Unit = z.infer<typeof UnitSchema>;
