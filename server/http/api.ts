import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Actor, RequestContext, Role } from '../auth/actor.js';
import { errors } from './errors.js';
import { parseOrThrow } from './validate.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Auth = 'public' | readonly Role[];
type ActorFor<A extends Auth> = A extends 'public' ? Actor | null : Actor;

/** A response other than a JSON body with the route's status (CSV, redirects, no content…). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export interface HandlerInput<B, Q, P, A extends Auth> {
  body: B;
  query: Q;
  params: P;
  actor: ActorFor<A>;
  ctx: RequestContext;
  req: Request;
}

export interface RouteSpec<
  B extends z.ZodType,
  Q extends z.ZodType,
  P extends z.ZodType,
  R extends z.ZodType,
  A extends Auth,
> {
  method: Method;
  /** Express-style path under the API base, e.g. `/candidates/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Roles allowed to call at all; object-level rules live in the services. */
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  status?: number;
  response?: R;
  /** Other media types the route can answer with (e.g. text/csv). */
  produces?: string[];
  /** Error statuses worth documenting beyond the defaults. */
  errorStatuses?: number[];
  handler: (input: HandlerInput<z.output<B>, z.output<Q>, z.output<P>, A>) => Promise<z.input<R> | Reply>;
}

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType, Auth>;

/** Resolves the caller from the request; installed by the auth capability. */
export type Authenticator = (req: Request) => Promise<Actor | null>;

/**
 * Builds the versioned API: each route is declared once with its zod schemas, which both validate the
 * request (400 naming the field) and generate the OpenAPI document.
 */
export class ApiBuilder {
  readonly router = Router();
  private readonly specs: AnySpec[] = [];

  constructor(
    private readonly authenticate: Authenticator,
    private readonly context: (req: Request) => RequestContext,
  ) {}

  route<
    B extends z.ZodType = z.ZodUndefined,
    Q extends z.ZodType = z.ZodUndefined,
    P extends z.ZodType = z.ZodUndefined,
    R extends z.ZodType = z.ZodUnknown,
    A extends Auth = Auth,
  >(spec: RouteSpec<B, Q, P, R, A>): void {
    this.specs.push(spec as unknown as AnySpec);
    const handle = async (req: Request, res: Response, next: NextFunction) => {
      try {
        // A public route ignores a bad token instead of refusing the call.
        const actor =
          spec.auth === 'public'
            ? await this.authenticate(req).catch(() => null)
            : await this.authenticate(req);
        if (spec.auth !== 'public') {
          if (!actor) throw errors.unauthenticated();
          if (!(spec.auth as readonly Role[]).includes(actor.role)) throw errors.forbidden();
        }
        const params = spec.params ? parseOrThrow(spec.params, req.params, 'params') : undefined;
        const query = spec.query ? parseOrThrow(spec.query, req.query ?? {}, 'query') : undefined;
        const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}, 'body') : undefined;
        const result = await spec.handler({
          body,
          query,
          params,
          actor: actor as ActorFor<A>,
          ctx: this.context(req),
          req,
        } as HandlerInput<z.output<B>, z.output<Q>, z.output<P>, A>);
        if (result instanceof Reply) {
          res.status(result.status).set(result.headers);
          if (result.body === undefined || result.status === 204) res.end();
          else if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) res.send(result.body);
          else res.json(result.body);
          return;
        }
        res.status(spec.status ?? 200).json(result);
      } catch (err) {
        next(err);
      }
    };
    this.router[spec.method](spec.path, handle);
  }

  /** The OpenAPI 3.1 document for every route declared so far. */
  openapi(info: { title: string; version: string; serverUrl: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const oaPath = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      paths[oaPath] ??= {};
      const parameters = [...objectParams(spec.params, 'path'), ...objectParams(spec.query, 'query')];
      const responses: Record<string, unknown> = {
        [String(spec.status ?? 200)]: {
          description: 'OK',
          content: {
            'application/json': { schema: spec.response ? toSchema(spec.response, 'output') : {} },
            ...Object.fromEntries((spec.produces ?? []).map((t) => [t, { schema: { type: 'string' } }])),
          },
        },
      };
      const errorStatuses = new Set([400, 500, ...(spec.errorStatuses ?? [])]);
      if (spec.auth !== 'public') for (const s of [401, 403]) errorStatuses.add(s);
      if (spec.params) errorStatuses.add(404);
      for (const s of [...errorStatuses].sort()) {
        responses[String(s)] = { $ref: `#/components/responses/Error${s}` };
      }
      paths[oaPath][spec.method] = {
        summary: spec.summary,
        description: spec.description,
        tags: spec.tags,
        operationId: `${spec.method}${oaPath.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string) => (c ? c.toUpperCase() : ''))}`,
        security: spec.auth === 'public' ? [] : [{ bearerAuth: [] }],
        ...(spec.auth !== 'public' ? { 'x-roles': spec.auth } : {}),
        parameters,
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
              },
            }
          : {}),
        responses,
      };
    }
    const errorResponse = (description: string) => ({
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
    return {
      openapi: '3.1.0',
      info: { title: info.title, version: info.version },
      servers: [{ url: info.serverUrl }],
      paths,
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: { Error: toSchema(ErrorBodySchema, 'output') },
        responses: {
          Error400: errorResponse('Invalid input; details name each failing field'),
          Error401: errorResponse('Sign-in required'),
          Error403: errorResponse('Role not allowed'),
          Error404: errorResponse('Not found (also for objects the caller may not see)'),
          Error409: errorResponse('Conflict with the current state'),
          Error413: errorResponse('Body too large'),
          Error429: errorResponse('Too many requests'),
          Error500: errorResponse('Unexpected error; no internals are returned'),
          Error503: errorResponse('A dependency is unavailable; retry'),
        },
      },
    };
  }

  /** Route list for the human docs page. */
  describe(): { method: string; path: string; summary: string; tags: string[]; auth: Auth }[] {
    return this.specs.map((s) => ({
      method: s.method,
      path: s.path,
      summary: s.summary,
      tags: s.tags,
      auth: s.auth,
    }));
  }
}

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('Bahasa Indonesia'),
    messageEn: z.string().describe('English'),
    details: z
      .array(
        z.object({
          path: z.string(),
          code: z.string(),
          message: z.string(),
          messageEn: z.string().optional(),
        }),
      )
      .optional(),
    requestId: z.string(),
  }),
});

function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}
