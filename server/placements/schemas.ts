import { z } from 'zod';
import { bi, objectId } from '../http/validate.js';
import { dateOrDateTime, pageQuery } from '../shared/schemas.js';
import { PLACEMENT_STATES } from './states.js';

export const PlacementState = z.enum(PLACEMENT_STATES);

export const CreatePlacementBody = z.object({
  candidateId: z
    .string()
    .regex(
      /^([0-9a-f]{24}|BK-[0-9A-Z]{8})$/i,
      bi('id profil atau id publik (BK-…)', 'a profile id or a public id (BK-…)'),
    )
    .describe('Officers and admins: the profile id; employers: the public id shown in search (BK-…)'),
  vacancyId: objectId,
  note: z.string().trim().min(1).max(2000).optional(),
});

export const TransitionBody = z.object({
  to: PlacementState,
  note: z.string().trim().min(1).max(2000).optional(),
  reason: z.string().trim().min(3).max(500).optional().describe('Required to decline, withdraw or end'),
  at: dateOrDateTime.optional().describe('When it happened (defaults to now; not in the future)'),
  internal: z.boolean().optional().describe('Officer notes kept from the person and the employer'),
});

export const ListPlacementsQuery = z.object({
  status: PlacementState.optional(),
  candidateId: objectId.optional(),
  vacancyId: objectId.optional(),
  ...pageQuery,
});

export const FeedbackBody = z.object({ feedback: z.string().trim().min(1).max(4000) });
