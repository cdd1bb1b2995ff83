import { apiFetch } from '../../api/client';
import type { Role } from '../../session/session.types';
import type { GrantableRole, User, UserFilters, UserList } from './users.types';

export const USERS_PAGE_SIZE = 25;

export function listUsers(f: UserFilters, signal?: AbortSignal): Promise<UserList> {
  const params = new URLSearchParams({ page: String(f.page), pageSize: String(USERS_PAGE_SIZE) });
  if (f.area) params.set('area', f.area.code);
  if (f.role) params.set('role', f.role);
  if (f.status) params.set('status', f.status);
  if (f.q.trim()) params.set('q', f.q.trim());
  return apiFetch<UserList>(`/api/v1/users?${params}`, { signal });
}

export function getUser(id: string): Promise<User> {
  return apiFetch<User>(`/api/v1/users/${encodeURIComponent(id)}`);
}

/** Roles the caller may grant (not cached: they belong to whoever is signed in now). */
export async function grantableRoles(): Promise<GrantableRole[]> {
  return (await apiFetch<{ items: GrantableRole[] }>('/api/v1/roles')).items;
}

export function createUser(body: { username: string; displayName: string; grants: { role: Role; areaCode: string }[] }) {
  return apiFetch<{ user: User; temporaryPassword: string | null }>('/api/v1/users', { method: 'POST', json: body });
}

export function updateUser(
  id: string,
  body: { displayName?: string; status?: User['status']; grants?: { role: Role; areaCode: string }[]; version: number },
) {
  return apiFetch<User>(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: body });
}

export function resetPassword(id: string) {
  return apiFetch<{ temporaryPassword: string }>(`/api/v1/users/${encodeURIComponent(id)}/reset-password`, {
    method: 'POST',
    json: {},
  });
}
