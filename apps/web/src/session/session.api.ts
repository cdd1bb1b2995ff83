import { apiFetch } from '../api/client';
import type { Me } from './session.types';

export function fetchMe(): Promise<Me> {
  return apiFetch<Me>('/api/v1/me', { quiet401: true });
}

export function login(username: string, password: string): Promise<Me> {
  return apiFetch<Me>('/api/v1/auth/login', { method: 'POST', json: { username, password }, quiet401: true });
}

export function logout(everywhere: boolean): Promise<null> {
  return apiFetch<null>('/api/v1/auth/logout', { method: 'POST', json: { everywhere }, quiet401: true });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  return apiFetch<Me>('/api/v1/auth/password', { method: 'POST', json: { currentPassword, newPassword } });
}
