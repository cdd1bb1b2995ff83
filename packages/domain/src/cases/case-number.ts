/** Human-readable case number per regency and year, e.g. `33.72/2026/000123` (given by the server). */
export function formatCaseNumber(regencyCode: string, year: number, serial: number): string {
  return `${regencyCode}/${year}/${String(serial).padStart(6, '0')}`;
}

const PATTERN = /^(\d{2}\.\d{2})\/(\d{4})\/(\d{6,})$/;
export function parseCaseNumber(n: string): { regencyCode: string; year: number; serial: number } | null {
  const m = PATTERN.exec(n);
  return m ? { regencyCode: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null;
}
