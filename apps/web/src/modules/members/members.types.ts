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
  membershipKind: 'biasa' | 'kehormatan';
  sk: { number: string; date: string | null; issuer: string | null } | null;
  kta: { number: string; kind: 'sementara' | 'tetap'; date: string | null } | null;
  status: MemberStatus;
  statusDate: string | null;
  statusReason: StopReason | null;
  returnReason: string | null;
  activeSince: string | null;
  requirements: { code: string; label: string; labelEn: string; met: boolean }[];
  requirementsMet: boolean;
  trainings: { id: string; trainedOn: string; title: string; organiser: string }[];
  awards: { id: string; level: string; awardType: string; skNumber: string | null; awardedOn: string }[];
  transfers: { id: string; fromVillageName: string; toVillageName: string; movedOn: string; reason: string }[];
  statusHistory: { fromStatus: string | null; toStatus: string; reason: string | null; basis: string | null; note: string | null; effectiveDate: string | null; at: string; actor: string }[];
  version: number;
  actions: string[];
  transitions: MemberTransition[];
}

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
  villagesWithout: { items: { code: string; name: string; districtName: string }[]; page: number; pageSize: number; total: number };
}

export interface PublicVerification {
  fullName: string;
  status: MemberStatus;
  villageName: string;
}
