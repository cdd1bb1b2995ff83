import { apiFetch } from '../../api/client';

// Shapes of /api/v1/org answers, narrowed (source: packages/domain/src/contracts/org.ts).
export interface UnitSummary {
  id: string;
  areaCode: string;
  areaName: string;
  level: string;
  name: string;
  address: string | null;
  actions: string[];
}
export interface BoardPosition {
  id: string;
  position: string;
  title: string | null;
  memberId: string | null;
  name: string;
}
export interface Board {
  id: string;
  termStart: number;
  termEnd: number;
  chosenBy: string;
  chosenOn: string | null;
  minutesFileId: string | null;
  sk: { number: string | null; date: string | null; issuer: string | null };
  status: 'current' | 'ended';
  endedOn: string | null;
  positions: BoardPosition[];
  version: number;
  actions: string[];
}
export interface Unit extends UnitSummary {
  currentBoard: Board | null;
}
export interface PositionInput {
  position: string;
  title?: string;
  memberId?: string;
  personName?: string;
}
export interface BoardInput {
  termStart: number;
  termEnd: number;
  chosenBy: string;
  chosenOn?: string;
  minutesFileId?: string;
  skNumber?: string;
  skDate?: string;
  skIssuer?: string;
  positions: PositionInput[];
}
export interface Announcement {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  body: string;
  publishedAt: string;
}
export interface EventInput {
  kind: string;
  title: string;
  startsOn: string;
  endsOn?: string;
  place?: string;
  agenda?: string;
}
interface EventBase {
  id: string;
  unitId: string;
  kind: string;
  title: string;
  startsOn: string;
  endsOn: string | null;
  place: string | null;
  agenda: string | null;
  actions: string[];
}
export interface EventSummary extends EventBase {
  attendees: number;
}
export interface OrgEvent extends EventBase {
  attendance: { memberId: string; fullName: string; villageName: string }[];
}
export interface LibraryItem {
  id: string;
  unitId: string;
  title: string;
  description: string | null;
  url: string | null;
  fileId: string | null;
  createdAt: string;
}

/** Managing a unit (boards, announcements, events, library) needs this in the unit's area. */
export const canManage = (x: { actions: string[] }) => x.actions.includes('org.manage');

const unit = (id: string) => `/api/v1/org/units/${encodeURIComponent(id)}`;

export const listUnits = (page: number) =>
  apiFetch<{ items: UnitSummary[]; page: number; pageSize: number; total: number }>(`/api/v1/org/units?page=${page}&pageSize=50`);
export const getUnit = (id: string) => apiFetch<Unit>(unit(id));
export const createUnit = (body: { areaCode: string; name?: string; address?: string }) =>
  apiFetch<Unit>('/api/v1/org/units', { method: 'POST', json: body });

export const listBoards = (unitId: string) => apiFetch<{ items: Board[] }>(`${unit(unitId)}/boards`);
export const createBoard = (unitId: string, body: BoardInput) =>
  apiFetch<Board>(`${unit(unitId)}/boards`, { method: 'POST', json: body });
export const updateBoard = (boardId: string, body: Partial<BoardInput> & { version: number }) =>
  apiFetch<Board>(`/api/v1/org/boards/${encodeURIComponent(boardId)}`, { method: 'PATCH', json: body });

/** Uploads minutes (notulen) or training material; the answer's fileId goes into the board or library item. */
export function uploadUnitFile(unitId: string, file: File, purpose: 'minutes' | 'library') {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<{ fileId: string; contentType: string; sizeBytes: number }>(`${unit(unitId)}/files?purpose=${purpose}`, {
    method: 'POST',
    body: form,
  });
}
/** A stored file, opened by the browser itself with the session cookie. */
export const fileUrl = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;

export const unitAnnouncements = (unitId: string) => apiFetch<{ items: Announcement[] }>(`${unit(unitId)}/announcements`);
export const createAnnouncement = (unitId: string, body: { title: string; body: string }) =>
  apiFetch<Announcement>(`${unit(unitId)}/announcements`, { method: 'POST', json: body });
export const announcementsForArea = (area: string) =>
  apiFetch<{ items: Announcement[] }>(`/api/v1/org/announcements?area=${encodeURIComponent(area)}`);

export const listEvents = (unitId: string) => apiFetch<{ items: EventSummary[] }>(`${unit(unitId)}/events`);
export const createEvent = (unitId: string, body: EventInput) =>
  apiFetch<OrgEvent>(`${unit(unitId)}/events`, { method: 'POST', json: body });
export const getEvent = (id: string) => apiFetch<OrgEvent>(`/api/v1/org/events/${encodeURIComponent(id)}`);
export const setAttendance = (id: string, memberIds: string[]) =>
  apiFetch<OrgEvent>(`/api/v1/org/events/${encodeURIComponent(id)}/attendance`, { method: 'PUT', json: { memberIds } });

export const listLibrary = (unitId: string) => apiFetch<{ items: LibraryItem[] }>(`${unit(unitId)}/library`);
export const addLibraryItem = (unitId: string, body: { title: string; description?: string; url?: string; fileId?: string }) =>
  apiFetch<LibraryItem>(`${unit(unitId)}/library`, { method: 'POST', json: body });

/** Kinds the server knows (contracts/org.ts), in the order forms offer them. */
export const MUSYAWARAH_KINDS = ['munas', 'musda', 'muscab', 'muscam', 'musdes', 'lainnya'] as const;
export const BOARD_POSITIONS = [
  'ketua',
  'wakil_ketua',
  'sekretaris',
  'wakil_sekretaris',
  'bendahara',
  'wakil_bendahara',
  'bidang',
  'anggota',
  'penasihat',
] as const;
export const EVENT_KINDS = [
  'musda',
  'mukernas',
  'bulan_bhakti',
  'sarasehan',
  'studi_banding',
  'pelatihan',
  'rakor',
  'munas',
  'muscab',
  'lainnya',
] as const;
