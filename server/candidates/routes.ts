import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import { type ApiBuilder, Reply } from '../http/api.js';
import { objectId } from '../http/validate.js';
import {
  CertificationBody,
  ConsentBody,
  CreateCandidateBody,
  ListCandidatesQuery,
  PatchCandidateBody,
  ReleaseBody,
  TrainingBody,
} from './schemas.js';
import {
  addCertification,
  addTraining,
  type CandidateHooks,
  createCandidate,
  eraseCandidate,
  exportCandidate,
  getCandidate,
  getPublicProfile,
  listCandidates,
  recordRelease,
  setConsent,
  updateCandidate,
} from './service.js';
import { AnonymisedCandidateSchema, CandidateProfileResponse, FullCandidateSchema } from './views.js';

const idParams = z.object({ id: objectId });

export function registerCandidateRoutes(api: ApiBuilder, hooks: CandidateHooks): void {
  api.route({
    method: 'post',
    path: '/candidates',
    summary: 'Register a WBP skill profile (Lapas staff of the facility, the Bapas officer, admins)',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'officer'],
    body: CreateCandidateBody,
    status: 201,
    response: FullCandidateSchema,
    errorStatuses: [409],
    handler: ({ actor, body, ctx }) => createCandidate(actor, body, ctx, hooks),
  });
  api.route({
    method: 'get',
    path: '/candidates',
    summary: 'Candidates the caller may see (employers: anonymised, consenting adults only)',
    tags: ['candidates'],
    auth: ROLES,
    query: ListCandidatesQuery,
    response: z.object({
      items: z.array(z.unknown()),
      total: z.number(),
      page: z.number(),
      limit: z.number(),
    }),
    handler: ({ actor, query, ctx }) => listCandidates(actor, query, ctx),
  });
  api.route({
    method: 'get',
    path: '/candidates/public/:publicId',
    summary: 'The anonymised profile behind a public id (employers, officers, admins)',
    tags: ['candidates'],
    auth: ['admin', 'officer', 'employer'],
    params: z.object({ publicId: z.string().regex(/^BK-[0-9A-Z]{8}$/) }),
    response: AnonymisedCandidateSchema,
    handler: ({ actor, params, ctx }) => getPublicProfile(actor, params.publicId, ctx.now),
  });
  api.route({
    method: 'get',
    path: '/candidates/:id',
    summary: 'A profile at the level the caller may read (full reads are audited)',
    tags: ['candidates'],
    auth: ROLES,
    params: idParams,
    response: CandidateProfileResponse,
    handler: ({ actor, params, ctx }) => getCandidate(actor, params.id, ctx),
  });
  api.route({
    method: 'patch',
    path: '/candidates/:id',
    summary:
      'Update a profile (nested objects merge, arrays replace; the person: contact and preferences only)',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'officer', 'candidate'],
    params: idParams,
    body: PatchCandidateBody,
    response: FullCandidateSchema,
    errorStatuses: [409],
    handler: ({ actor, params, body, ctx }) => updateCandidate(actor, params.id, body, ctx, hooks),
  });
  api.route({
    method: 'delete',
    path: '/candidates/:id',
    summary: 'Erase a person: personal data removed everywhere, an anonymous tombstone stays (admins)',
    tags: ['candidates'],
    auth: ['admin'],
    params: idParams,
    status: 204,
    handler: async ({ actor, params, ctx }) => {
      await eraseCandidate(actor, params.id, ctx, hooks);
      return new Reply(204, undefined);
    },
  });
  api.route({
    method: 'post',
    path: '/candidates/:id/trainings',
    summary: 'Record a BLK training (trainers: their own BLK); a passed one raises skill evidence and level',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'trainer'],
    params: idParams,
    body: TrainingBody,
    status: 201,
    response: CandidateProfileResponse,
    handler: ({ actor, params, body, ctx }) => addTraining(actor, params.id, body, ctx, hooks),
  });
  api.route({
    method: 'post',
    path: '/candidates/:id/certifications',
    summary: 'Record a competency certificate (BNSP/LSP); raises the covered skills to certified',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'trainer'],
    params: idParams,
    body: CertificationBody,
    status: 201,
    response: CandidateProfileResponse,
    handler: ({ actor, params, body, ctx }) => addCertification(actor, params.id, body, ctx, hooks),
  });
  api.route({
    method: 'put',
    path: '/candidates/:id/consent',
    summary: 'Set consent to sharing with employers and to email contact',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'officer', 'candidate'],
    params: idParams,
    body: ConsentBody,
    response: FullCandidateSchema,
    handler: ({ actor, params, body, ctx }) => setConsent(actor, params.id, body, ctx, hooks),
  });
  api.route({
    method: 'post',
    path: '/candidates/:id/release',
    summary: 'Record the actual release (in custody → released)',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'officer'],
    params: idParams,
    body: ReleaseBody,
    response: FullCandidateSchema,
    errorStatuses: [409],
    handler: ({ actor, params, body, ctx }) => recordRelease(actor, params.id, body.releasedAt, ctx, hooks),
  });
  api.route({
    method: 'get',
    path: '/candidates/:id/export',
    summary: 'Subject access export: everything held on the person, including who read it',
    tags: ['candidates'],
    auth: ['admin', 'facility_staff', 'officer', 'candidate'],
    params: idParams,
    response: z.record(z.string(), z.unknown()),
    handler: ({ actor, params, ctx }) => exportCandidate(actor, params.id, ctx, hooks),
  });
}
