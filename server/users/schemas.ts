import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import { objectId } from '../http/validate.js';
import { email } from '../shared/schemas.js';

export const CreateUserBody = z.object({
  email,
  password: z.string().min(10).max(200),
  name: z.string().trim().min(2).max(120),
  role: z.enum(ROLES),
  facilityId: objectId.optional(),
  employerId: objectId.optional(),
  candidateId: objectId.optional(),
});
export type CreateUserInput = z.output<typeof CreateUserBody>;

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  status: z.enum(['active', 'invited', 'disabled']),
  facilityId: z.string().optional(),
  employerId: z.string().optional(),
  candidateId: z.string().optional(),
  lastLoginAt: z.string().optional(),
});
