// Shapes of the disaster-response answers, narrowed to what these screens read
// (source: packages/domain/src/contracts/disasters.ts and disasters/contracts/*).

export const INCIDENT_KINDS = ['bencana_alam', 'bencana_sosial', 'wabah', 'kejadian_khusus'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_STATUSES = ['emergency', 'recovery', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** The short hazard list per kind (packages/domain disasters/incidents HAZARDS). */
export const HAZARDS: Record<IncidentKind, readonly string[]> = {
  bencana_alam: [
    'banjir',
    'banjir_bandang',
    'gempa_bumi',
    'tsunami',
    'tanah_longsor',
    'erupsi_gunung_api',
    'angin_puting_beliung',
    'cuaca_ekstrem',
    'kebakaran',
    'kebakaran_hutan_lahan',
    'kekeringan',
    'gelombang_pasang_abrasi',
    'lainnya',
  ],
  bencana_sosial: ['konflik_sosial', 'kerusuhan', 'teror', 'lainnya'],
  wabah: ['penyakit_menular', 'keracunan_massal', 'lainnya'],
  kejadian_khusus: ['kecelakaan_massal', 'pengungsian_massal', 'lainnya'],
};
/** Allowed status moves (packages/domain nextIncidentStatuses). */
export const NEXT_STATUS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  emergency: ['recovery'],
  recovery: ['emergency', 'closed'],
  closed: ['recovery'],
};
export const NEED_KINDS = ['pangan', 'air_bersih', 'hunian', 'kesehatan', 'sandang', 'psikososial'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];
export const NEED_LEVELS = ['tidak', 'rendah', 'sedang', 'tinggi'] as const;
export const VULNERABLE_GROUPS = ['lansia', 'anak', 'disabilitas', 'ibu_hamil'] as const;
export const VICTIM_CONDITIONS = ['selamat', 'luka_ringan', 'luka_berat', 'meninggal', 'hilang'] as const;
export const DISPLACEMENTS = ['tidak_mengungsi', 'posko', 'rumah_kerabat', 'lainnya'] as const;
export const POST_KINDS = ['posko', 'pengungsian', 'gudang', 'dapur_umum'] as const;
export const ITEM_NEED_KINDS = [...NEED_KINDS, 'lainnya'] as const;
export const VOLUNTEER_KINDS = ['psm', 'tagana', 'karang_taruna', 'tksk', 'pekerja_sosial', 'lks', 'relawan_lain'] as const;

export interface IncidentArea {
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyCode: string;
  regencyName: string;
}

export interface Incident {
  id: string;
  kind: IncidentKind;
  hazard: string | null;
  title: string;
  startedAt: string;
  status: IncidentStatus;
  leadOfficeCode: string;
  leadOfficeName: string;
  ppksCode: number;
  description: string | null;
  areas: IncidentArea[];
  version: number;
  actions: string[];
}
export type IncidentListItem = Omit<Incident, 'areas'> & { villageCount: number };
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Assessment {
  id: string;
  villageCode: string;
  villageName: string;
  assessedAt: string;
  affected: number;
  displaced: number;
  injured: number;
  dead: number;
  missing: number;
  housesRingan: number;
  housesSedang: number;
  housesBerat: number;
  elderly: number;
  children: number;
  disabled: number;
  pregnant: number;
  needs: Record<string, string>;
  note: string | null;
  lat: number | null;
  lng: number | null;
  accuracyM: number | null;
  recordedAt: string;
}

export interface Victim {
  id: string;
  personId: string;
  fullName: string;
  nikMasked: string | null;
  villageCode: string;
  villageName: string;
  displacement: string;
  postId: string | null;
  displacementPlace: string | null;
  condition: string;
  needs: string[];
  needsServed: string[];
  basicNeedsMet: boolean;
  vulnerabilities: string[];
  ppksCode: number;
  caseId: string | null;
  registeredAt: string;
}
export interface DuplicateCandidate {
  id: string;
  fullName: string;
  villageCode?: string;
  score?: number;
}
export type VictimRegisterResult = Victim & { personCreated: boolean; candidates: DuplicateCandidate[] };

export interface AidPost {
  id: string;
  name: string;
  kind: string;
  villageCode: string;
  villageName: string;
}
export interface AidItem {
  id: string;
  name: string;
  unit: string;
  needKind: string;
  lowStockThreshold: number | null;
}
export interface StockBalance {
  postId: string;
  postName: string;
  itemId: string;
  itemName: string;
  unit: string;
  received: number;
  issued: number;
  balance: number;
  lowStockThreshold: number | null;
  lowStock: boolean;
}
export interface StockMovement {
  id: string;
  postId: string;
  itemName: string;
  unit: string;
  kind: 'received' | 'issued';
  quantity: number;
  donor: string | null;
  victimId: string | null;
  evidenceFileId: string | null;
  occurredAt: string;
}

export interface Volunteer {
  id: string;
  kind: string;
  name: string;
  phone: string | null;
  organisation: string | null;
  userId: string | null;
  onDuty: boolean;
}
export interface Shift {
  id: string;
  volunteerId: string;
  volunteerName: string;
  postId: string;
  postName: string;
  startsAt: string;
  endsAt: string;
  task: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

export interface SitrepSummary {
  id: string;
  number: number;
  trigger: 'on_demand' | 'daily';
  reportDate: string;
  generatedAt: string;
}
export type Sitrep = SitrepSummary & { text: string; figures: Record<string, unknown> };

export interface DashboardVillage {
  villageCode: string;
  villageName: string;
  districtName: string;
  regencyName: string;
  assessedAt: string | null;
  affected: number;
  displaced: number;
  injured: number;
  dead: number;
  missing: number;
  housesDamaged: number;
  victims: number;
  victimsDisplaced: number;
  victimsVulnerable: number;
  victimsMet: number;
  aidIssues: number;
  /** Where the village sits on the map: its newest assessment with GPS, or null. */
  point: VillagePoint | null;
}
export interface VillagePoint {
  lat: number;
  lng: number;
  accuracyM: number | null;
  assessedAt: string;
}
/** The configured tile server (PILAR_MAP_TILE_URL); null: markers on a plain background. */
export interface MapTiles {
  url: string;
  attribution: string | null;
}
export interface IncidentDashboard {
  villages: DashboardVillage[];
  tiles: MapTiles | null;
  totals: { affected: number; displaced: number; victims: number; victimsMet: number; spmPercent: number | null };
}
