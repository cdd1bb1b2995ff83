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
export interface Board {
  id: string;
  termStart: number;
  termEnd: number;
  chosenBy: string;
  chosenOn: string | null;
  sk: { number: string | null; date: string | null; issuer: string | null };
  status: 'current' | 'ended';
  positions: { id: string; position: string; title: string | null; memberId: string | null; name: string }[];
}
export interface Unit extends UnitSummary {
  currentBoard: Board | null;
}

export const listUnits = (page: number) =>
  apiFetch<{ items: UnitSummary[]; page: number; pageSize: number; total: number }>(`/api/v1/org/units?page=${page}&pageSize=50`);
export const getUnit = (id: string) => apiFetch<Unit>(`/api/v1/org/units/${encodeURIComponent(id)}`);
