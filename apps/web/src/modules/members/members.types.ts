// Shapes of the /api/v1/members answers, narrowed to what these screens read
// (source: packages/domain/src/contracts/members.ts).

export const MEMBER_STATUSES = ['diajukan', 'dikembalikan', 'aktif', 'tidak_aktif', 'berhenti'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const STOP_REASONS = ['mengundurkan_diri', 'meninggal', 'pindah_domisili', 'diberhentikan'] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export type MemberTransition = 'verify' | 'return' | 'resubmit' | 'deactivate' | 'reactivate' | 'stop';

export interface MemberListItem {
  id: string;
  villageCode: string;
  villageName: string;
  fullName: string;
  sex: 'L' | 'P';
  nikMasked: string;
  status: MemberStatus;
  ktaNumber: string | null;
  hasSk: boolean;
  hasTraining: boolean;
  actions: string[];
  transitions: string[];
}

export interface MemberList {
  items: MemberListItem[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Member {
  id: string;
  regencyCode: string;
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyName: string;
  rw: string | null;
  fullName: string;
  sex: 'L' | 'P';
  birthDate: string;
  age: number;
  nikMasked: string;
  phone: string | null;
  address: string | null;
  livesInVillage: boolean;
  healthStatement: boolean;
  membershipKind: 'biasa' | 'kehormatan';
  photoFileId: string | null;
  sk: { number: string; date: string | null; issuer: string | null; fileId: string | null } | null;
  kta: { number: string; kind: 'sementara' | 'tetap'; date: string | null } | null;
  status: MemberStatus;
  statusDate: string | null;
  statusReason: StopReason | null;
  returnReason: string | null;
  activeSince: string | null;
  /** Who registered it: mandiri (the PSM, by link), ipsm, dinsos, impor, demo. */
  source: string;
  requirements: { code: string; label: string; labelEn: string; met: boolean }[];
  requirementsMet: boolean;
  trainings: MemberTraining[];
  awards: MemberAward[];
  transfers: MemberTransfer[];
  statusHistory: {
    fromStatus: string | null;
    toStatus: string;
    reason: string | null;
    basis: string | null;
    note: string | null;
    effectiveDate: string | null;
    at: string;
    actor: string;
  }[];
  version: number;
  actions: string[];
  transitions: MemberTransition[];
}

export interface MemberTraining {
  id: string;
  trainedOn: string;
  title: string;
  organiser: string;
  certificateFileId: string | null;
}

export const AWARD_LEVELS = ['desa', 'kecamatan', 'kabkota', 'provinsi', 'nasional'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

export interface MemberAward {
  id: string;
  level: AwardLevel;
  awardType: string;
  skNumber: string | null;
  awardedOn: string;
}

export interface MemberTransfer {
  id: string;
  fromVillageCode: string;
  fromVillageName: string;
  toVillageCode: string;
  toVillageName: string;
  movedOn: string;
  reason: string;
}

/** A server check the caller may act on but should see (e.g. Satyalancana before 5 years). */
export interface Warning {
  code: string;
  field: string;
  message: { id: string; en: string };
}

export interface RequirementSetting {
  code: string;
  label: string;
  labelEn: string;
  enabled: boolean;
  defaultEnabled: boolean;
}

export interface RequirementSettings {
  regencyCode: string;
  items: RequirementSetting[];
  /** `member.verify` when the caller may switch requirements for this regency. */
  actions: string[];
}

export interface RegistrationLink {
  id: string;
  regencyCode: string;
  /** Shown once: the server keeps only its hash. */
  token: string;
  expiresAt: string;
}

/** A listed self-registration link: never its token (shown once, at creation). */
export interface RegistrationLinkListItem {
  id: string;
  regencyCode: string;
  regencyName: string;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  uses: number;
  maxUses: number;
  revokedAt: string | null;
  revokedBy: string | null;
  /** berlaku (works now), kedaluwarsa (expired), habis (used up), dicabut (revoked). */
  state: 'berlaku' | 'kedaluwarsa' | 'habis' | 'dicabut';
}

/** An edit of a PSM record: only the changed fields, with the version it was read at (never the village). */
export type MemberUpdate = Partial<Omit<MemberInput, 'villageCode' | 'nik'>> & { version: number };

export interface MemberInput {
  villageCode: string;
  fullName: string;
  sex: 'L' | 'P';
  birthDate: string;
  nik: string;
  phone?: string | null;
  address?: string | null;
  rw?: string | null;
  livesInVillage?: boolean;
  healthStatement?: boolean;
  skNumber?: string | null;
  skDate?: string | null;
  skIssuer?: string | null;
}

interface CoverageFigures {
  villagesTotal: number;
  villagesWithActive: number;
  activeMembers: number;
  withSk: number;
  withKta: number;
  withTraining: number;
}

export interface Coverage extends CoverageFigures {
  area: { code: string; name: string; level: string };
  distribution: { none: number; one: number; twoToFour: number; fiveOrMore: number };
  children: (CoverageFigures & { code: string; name: string; level: string })[];
  villagesWithout: {
    items: { code: string; name: string; districtName: string }[];
    page: number;
    pageSize: number;
    total: number;
  };
}

export interface PublicVerification {
  fullName: string;
  status: MemberStatus;
  villageName: string;
}
