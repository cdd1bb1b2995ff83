import { ianaZoneOf } from '@pilar/domain';

/**
 * A report as exported (PDF and XLSX from the same description): the office's
 * letterhead, a title, the declared purpose, tables, the date and a signature block.
 */
export interface Letterhead {
  areaCode: string;
  officeName: string;
  parentName: string | null;
  address: string;
  phone: string | null;
  email: string | null;
  city: string | null;
  logoFileId: string | null;
  signerTitle: string | null;
  signerName: string | null;
  signerNip: string | null;
  configured: boolean;
}

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface ExportTable {
  heading?: string;
  columns: Column[];
  rows: Record<string, string | number | null>[];
}

export interface ExportDocument {
  title: string;
  subtitle: string[];
  purpose: string;
  letterhead: Letterhead;
  /** Logo bytes (PNG/JPEG) when the letterhead has one. */
  logo: { bytes: Buffer; contentType: string } | null;
  areaCode: string;
  generatedAt: Date;
  generatedBy: string;
  tables: ExportTable[];
  landscape?: boolean;
}

/** "2 Maret 2026", in the area's own time zone. */
export function indonesianDate(at: Date, areaCode: string): string {
  return new Intl.DateTimeFormat('id-ID', { timeZone: ianaZoneOf(areaCode === 'ID' ? '31' : areaCode), day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

export const contactLine = (l: Letterhead) => [l.address, l.phone ? `Telp. ${l.phone}` : null, l.email ? `Surel: ${l.email}` : null].filter(Boolean).join(' · ');

export const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '–' : typeof v === 'number' ? v.toLocaleString('id-ID') : v);
