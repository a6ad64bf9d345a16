import type { Role } from '../auth/actor.js';

export const PLACEMENT_STATES = [
  'employer_interest',
  'proposed',
  'candidate_consented',
  'introduced',
  'interviewing',
  'offered',
  'hired',
  'retained_30',
  'retained_90',
  'retained_180',
  'declined',
  'withdrawn',
  'ended',
] as const;
export type PlacementState = (typeof PLACEMENT_STATES)[number];

export const CLOSING_STATES = ['declined', 'withdrawn', 'ended'] as const;
export type ClosingState = (typeof CLOSING_STATES)[number];

/** States in which the placement can still move. retained_180 is the end of a success. */
export function isActive(s: PlacementState): boolean {
  return !(CLOSING_STATES as readonly string[]).includes(s) && s !== 'retained_180';
}

/** From hired on, the person works there. */
export const EMPLOYED_STATES: readonly PlacementState[] = [
  'hired',
  'retained_30',
  'retained_90',
  'retained_180',
];
/** From introduced on, the employer knows who the person is. */
export const DISCLOSED_STATES: readonly PlacementState[] = [
  'introduced',
  'interviewing',
  'offered',
  ...EMPLOYED_STATES,
];

type Actor = Role | 'self';

/**
 * The forward moves and who may make them. 'self' is the person the placement is about. The officer
 * may record consent given in person (a note saying how is required), since many people in custody
 * have no account.
 */
export const FORWARD: Record<PlacementState, { to: PlacementState; by: Actor[] }[]> = {
  employer_interest: [
    { to: 'proposed', by: ['officer', 'admin'] },
    { to: 'candidate_consented', by: ['self', 'officer', 'admin'] },
  ],
  proposed: [{ to: 'candidate_consented', by: ['self', 'officer', 'admin'] }],
  candidate_consented: [{ to: 'introduced', by: ['officer', 'admin'] }],
  introduced: [{ to: 'interviewing', by: ['employer', 'officer', 'admin'] }],
  interviewing: [{ to: 'offered', by: ['employer', 'admin'] }],
  offered: [{ to: 'hired', by: ['employer', 'officer', 'admin'] }],
  hired: [{ to: 'retained_30', by: ['officer', 'admin'] }],
  retained_30: [{ to: 'retained_90', by: ['officer', 'admin'] }],
  retained_90: [{ to: 'retained_180', by: ['officer', 'admin'] }],
  retained_180: [],
  declined: [],
  withdrawn: [],
  ended: [],
};

/**
 * Closing moves from any active state, with a reason: the person or their officer declines, the side
 * that started it withdraws, and a job that has begun ends.
 */
export function closingMoves(from: PlacementState): { to: ClosingState; by: Actor[] }[] {
  if (!isActive(from)) return [];
  if ((EMPLOYED_STATES as readonly string[]).includes(from)) {
    return [{ to: 'ended', by: ['employer', 'officer', 'admin', 'self'] }];
  }
  return [
    { to: 'declined', by: ['self', 'officer', 'employer', 'admin'] },
    { to: 'withdrawn', by: ['officer', 'employer', 'admin'] },
  ];
}

export function movesFrom(from: PlacementState): { to: PlacementState; by: Actor[] }[] {
  return [...FORWARD[from], ...closingMoves(from)];
}

/** Days after hiring from which each retention step may be recorded. */
export const RETENTION_DAYS: Partial<Record<PlacementState, number>> = {
  retained_30: 30,
  retained_90: 90,
  retained_180: 180,
};
