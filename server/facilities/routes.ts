import { z } from 'zod';
import { ROLES } from '../auth/actor.js';
import type { ApiBuilder } from '../http/api.js';
import { objectId } from '../http/validate.js';
import { CreateFacilityBody, FacilityKind, FacilityView } from './schemas.js';
import { createFacility, getFacility, listFacilities } from './service.js';

export function registerFacilityRoutes(api: ApiBuilder): void {
  api.route({
    method: 'post',
    path: '/facilities',
    summary: 'Register a Lapas, Rutan, LPKA, Bapas or BLK',
    tags: ['facilities'],
    auth: ['admin'],
    body: CreateFacilityBody,
    status: 201,
    response: FacilityView,
    errorStatuses: [409],
    handler: ({ actor, body }) => createFacility(actor, body),
  });
  api.route({
    method: 'get',
    path: '/facilities',
    summary: 'List facilities',
    tags: ['facilities'],
    auth: ROLES,
    query: z.object({ kind: FacilityKind.optional(), regency: z.string().trim().min(1).optional() }),
    response: z.array(FacilityView),
    handler: ({ query }) => listFacilities(query),
  });
  api.route({
    method: 'get',
    path: '/facilities/:id',
    summary: 'One facility',
    tags: ['facilities'],
    auth: ROLES,
    params: z.object({ id: objectId }),
    response: FacilityView,
    handler: ({ params }) => getFacility(params.id),
  });
}
