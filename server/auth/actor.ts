export const ROLES = ['admin', 'officer', 'facility_staff', 'trainer', 'employer', 'candidate'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting. Services take an Actor and enforce object-level rules themselves, so every entry
 * point (API, UI, scripts) gets the same checks.
 */
export interface Actor {
  userId: string;
  role: Role;
  email: string;
  name: string;
  /** Bapas (officer), Lapas/Rutan/LPKA (facility_staff) or BLK (trainer). */
  facilityId?: string;
  employerId?: string;
  candidateId?: string;
}

/** The system itself (workers, imports, seeds) when no person is acting. */
export const SYSTEM_ACTOR: Actor = {
  userId: '000000000000000000000000',
  role: 'admin',
  email: 'system@bekalkerja.local',
  name: 'Sistem',
};

/** Request facts services may record (audit) without seeing Express. */
export interface RequestContext {
  requestId: string;
  ip: string;
  now: Date;
}
