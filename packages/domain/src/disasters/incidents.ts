/**
 * Disaster incidents (DOMAIN.md §4; SPM service 5, Permensos 9/2018: protection of
 * disaster victims during and after the emergency). Kinds, hazards and the status
 * machine, as pure rules the server and the web app share.
 */
import { issue, type Issue, type Msg } from '../messages';

export const INCIDENT_KINDS = ['bencana_alam', 'bencana_sosial', 'wabah', 'kejadian_khusus'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_KIND_LABELS: Readonly<Record<IncidentKind, Msg>> = {
  bencana_alam: { id: 'Bencana alam', en: 'Natural disaster' },
  bencana_sosial: { id: 'Bencana sosial', en: 'Social disaster' },
  wabah: { id: 'Wabah', en: 'Epidemic' },
  kejadian_khusus: { id: 'Kejadian khusus', en: 'Special event' },
};

/** Hazards per kind [S]: a short list for a quick form; "lainnya" plus a free title covers the rest. */
export const HAZARDS: Readonly<Record<IncidentKind, readonly string[]>> = {
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

export function hazardLabel(hazard: string): string {
  const words = hazard.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The PPKS category of the victims (DOMAIN.md §2): 21 Korban Bencana Alam, 22 Korban
 * Bencana Sosial. Epidemics and special events have no category of their own [U]: the
 * default below is a suggestion the office can change on the incident.
 */
export const DEFAULT_VICTIM_PPKS: Readonly<Record<IncidentKind, 21 | 22>> = {
  bencana_alam: 21,
  bencana_sosial: 22,
  wabah: 21,
  kejadian_khusus: 22,
};

export const INCIDENT_STATUSES = ['emergency', 'recovery', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Readonly<Record<IncidentStatus, Msg>> = {
  emergency: { id: 'Tanggap darurat', en: 'Emergency' },
  recovery: { id: 'Pemulihan', en: 'Recovery' },
  closed: { id: 'Selesai', en: 'Closed' },
};

/** Allowed moves: the emergency may be declared again (aftershock, second flood); a closed incident may be reopened into recovery. */
const NEXT: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  emergency: ['recovery'],
  recovery: ['emergency', 'closed'],
  closed: ['recovery'],
};

export function nextIncidentStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}

export function planIncidentStatus(from: IncidentStatus, to: IncidentStatus): { ok: true } | { ok: false; error: Issue } {
  if (NEXT[from].includes(to)) return { ok: true };
  const allowed = NEXT[from].join(', ');
  return {
    ok: false,
    error: issue(
      'incident.status.transition',
      'status',
      `Status kejadian tidak dapat diubah dari ${INCIDENT_STATUS_LABELS[from].id} ke ${INCIDENT_STATUS_LABELS[to].id} (boleh: ${allowed})`,
      `The incident cannot move from ${from} to ${to} (allowed: ${allowed})`,
    ),
  };
}

/** Work is recorded (assessments, victims, stock, shifts) while the incident is open. */
export function acceptsWork(status: IncidentStatus): boolean {
  return status !== 'closed';
}
