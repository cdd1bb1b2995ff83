// Shapes of the /api/v1/persons answers, narrowed to the fields these screens use
// (the people module is growing; see packages/domain/src/contracts/people.ts).

export const NIK_MISSING_REASONS = ['tidak_punya', 'belum_rekam', 'tidak_diketahui'] as const;
export type NikMissingReason = (typeof NIK_MISSING_REASONS)[number];
export type Sex = 'L' | 'P';

export interface PersonListItem {
  id: string;
  villageCode: string;
  villageName: string;
  fullName: string;
  sex: Sex | null;
  birthDate: string | null;
  /** e.g. 3372********0001; null when the person has no NIK on record. */
  nikMasked: string | null;
  status: string;
  actions: string[];
}

export interface Person extends PersonListItem {
  rw: string | null;
  rt: string | null;
  nikMissingReason: NikMissingReason | null;
  address: string | null;
  phone: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A remark from the server that never blocks saving (e.g. NIK and birth date disagree). */
export interface Warning {
  code: string;
  field: string;
  message: { id: string; en: string };
}

export interface PersonList {
  items: PersonListItem[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ProcessingEvent {
  at: string;
  actor: string;
  action: string;
  entityType: string;
  purpose: string | null;
  details: Record<string, unknown>;
}

/** What the registration and edit forms send. */
export interface PersonInput {
  villageCode?: string;
  fullName?: string;
  sex?: Sex | null;
  birthDate?: string | null;
  nik?: string;
  nikMissingReason?: NikMissingReason;
  address?: string | null;
  phone?: string | null;
  rw?: string | null;
  rt?: string | null;
}

/** A registered person who may be the one being registered (POST /persons/check-duplicates). */
export interface DuplicateCandidate {
  id: string;
  fullName: string;
  villageCode: string;
  villageName: string;
  birthYear: number | null;
  nikMasked: string | null;
  similarity: number;
  reasons: ('name' | 'birth_date' | 'birth_year' | 'village' | 'district')[];
}

export interface DuplicateCheckResult {
  /** The same NIK inside the caller's scope: registering again is refused. */
  exact: { id: string; fullName: string; nikMasked: string | null } | null;
  /** The NIK exists outside the caller's scope (who is never told). */
  nikRegisteredElsewhere: boolean;
  candidates: DuplicateCandidate[];
}
