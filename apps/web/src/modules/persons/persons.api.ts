import { apiFetch } from '../../api/client';
import type { DuplicateCheckResult, Person, PersonInput, PersonList, ProcessingEvent, Warning } from './persons.types';

export const PERSONS_PAGE_SIZE = 25;

export function listPersons(f: { area: string | null; q: string; page: number }, signal?: AbortSignal): Promise<PersonList> {
  const params = new URLSearchParams({ page: String(f.page), pageSize: String(PERSONS_PAGE_SIZE) });
  if (f.area) params.set('area', f.area);
  if (f.q.trim().length >= 2) params.set('q', f.q.trim());
  return apiFetch<PersonList>(`/api/v1/persons?${params}`, { signal });
}

export function getPerson(id: string): Promise<Person> {
  return apiFetch<Person>(`/api/v1/persons/${encodeURIComponent(id)}`);
}

export function createPerson(body: PersonInput): Promise<Person & { warnings: Warning[] }> {
  return apiFetch(`/api/v1/persons`, { method: 'POST', json: body });
}

/** The registration preview: exact NIK match and near matches. A POST, so neither NIK nor name lands in a URL or a log line. */
export function checkDuplicates(input: PersonInput): Promise<DuplicateCheckResult> {
  const body: Record<string, string> = { villageCode: input.villageCode ?? '', fullName: input.fullName ?? '' };
  if (input.birthDate) body.birthDate = input.birthDate;
  if (input.nik) body.nik = input.nik;
  return apiFetch(`/api/v1/persons/check-duplicates`, { method: 'POST', json: body });
}

export function updatePerson(id: string, body: PersonInput & { version: number }): Promise<Person & { warnings: Warning[] }> {
  return apiFetch(`/api/v1/persons/${encodeURIComponent(id)}`, { method: 'PATCH', json: body });
}

export function revealNik(id: string, reason: string): Promise<{ nik: string }> {
  return apiFetch(`/api/v1/persons/${encodeURIComponent(id)}/reveal-nik`, { method: 'POST', json: { reason } });
}

export async function processingHistory(id: string): Promise<ProcessingEvent[]> {
  return (await apiFetch<{ items: ProcessingEvent[] }>(`/api/v1/persons/${encodeURIComponent(id)}/history`)).items;
}

// Warnings of a just-registered person, shown once on its page (kept in memory only).
let pendingWarnings: { id: string; warnings: Warning[] } | null = null;
export function keepWarnings(id: string, warnings: Warning[]): void {
  pendingWarnings = { id, warnings };
}
export function takeWarnings(id: string): Warning[] | null {
  if (pendingWarnings?.id !== id) return null;
  const kept = pendingWarnings;
  // Cleared after this render pass (StrictMode may run an initializer twice).
  setTimeout(() => {
    if (pendingWarnings === kept) pendingWarnings = null;
  }, 0);
  return kept.warnings;
}
