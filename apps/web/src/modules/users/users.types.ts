// Shapes of the /api/v1/users and /roles answers (mirroring the zod contracts in
// packages/domain/src/contracts/users.ts, narrowed to what these screens read).
import type { GrantView, Role } from '../../session/session.types';

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  username: string;
  displayName: string;
  status: UserStatus;
  mustChangePassword: boolean;
  locked: boolean;
  grants: GrantView[];
  createdAt: string;
  lastLoginAt: string | null;
  version: number;
  /** What the caller may do with this account, e.g. ['user.manage']. */
  actions: string[];
}

export interface UserList {
  items: User[];
  page: number;
  pageSize: number;
  total: number;
}

export type GrantLevel = 'national' | 'province' | 'regency' | 'district' | 'village';

/** A role the caller may grant, at which levels, and inside which areas. */
export interface GrantableRole {
  role: Role;
  levels: GrantLevel[];
  areas: string[];
}

export interface UserFilters {
  area: { code: string; name: string } | null;
  role: Role | '';
  status: UserStatus | '';
  q: string;
  page: number;
}
