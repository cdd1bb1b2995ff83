import type { ImportTarget } from './imports.types';

/** Path segment of each target (`/impor/warga`); the URL never carries a file name. */
export const TARGET_SLUGS: Record<ImportTarget, string> = {
  persons: 'warga',
  members: 'psm',
  programme_memberships: 'program',
};

/** The permission the server asks for each target (imports.targets TARGET_PERMISSION). */
export const TARGET_PERMISSION: Record<ImportTarget, string> = {
  persons: 'person.create',
  members: 'member.create',
  programme_memberships: 'programme.enrol',
};

export function targetOfSlug(slug: string): ImportTarget | null {
  const found = Object.entries(TARGET_SLUGS).find(([, s]) => s === slug);
  return found ? (found[0] as ImportTarget) : null;
}

export const importNewPath = (target: ImportTarget) => `/impor/${TARGET_SLUGS[target]}`;
export const importRunPath = (id: string) => `/impor/${id}`;

/** Where an accepted row's record opens. */
export function entityPath(target: ImportTarget, id: string): string {
  return target === 'members' ? `/psm/${id}` : `/warga/${id}`;
}

/** Case, spacing and punctuation do not matter when matching header names (as on the server). */
export function normalizeHeader(label: string): string {
  return label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}
