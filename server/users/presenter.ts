import type { UserRecord } from './repository.js';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: UserRecord['role'];
  status: UserRecord['status'];
  facilityId?: string;
  employerId?: string;
  candidateId?: string;
  lastLoginAt?: string;
}

/** The fields of a user that leave the API: never the password hash or token version. */
export function presentUser(u: UserRecord): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    status: u.status,
    facilityId: u.facilityId,
    employerId: u.employerId,
    candidateId: u.candidateId,
    lastLoginAt: u.lastLoginAt?.toISOString(),
  };
}
