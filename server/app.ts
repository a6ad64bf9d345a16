import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import compression from 'compression';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import pkg from '../package.json' with { type: 'json' };
import { registerAccountRoutes } from './accounts/routes.js';
import { registerQueueDashboard } from './admin/queue-dashboard.js';
import { registerAuditRoutes } from './audit/routes.js';
import type { RequestContext } from './auth/actor.js';
import { registerAuthRoutes } from './auth/routes.js';
import { actorFromToken } from './auth/service.js';
import { registerCandidateRoutes } from './candidates/routes.js';
import type { Deps } from './deps.js';
import { registerEmployerRoutes } from './employers/routes.js';
import { registerFacilityRoutes } from './facilities/routes.js';
import { registerHealthRoutes } from './health/routes.js';
import { createWriteHooks } from './hooks.js';
import { ApiBuilder } from './http/api.js';
import { renderDocsPage } from './http/docs-page.js';
import { errorHandler, notFoundHandler } from './http/error-middleware.js';
import { errors } from './http/errors.js';
import { registerNotificationRoutes, registerUnsubscribeRoutes } from './notifications/routes.js';
import { registerPlacementRoutes } from './placements/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { registerSearchRoutes } from './search/routes.js';
import { registerSkillRoutes } from './skills/routes.js';
import { registerSystemRoutes } from './system/routes.js';
import { registerUserRoutes } from './users/routes.js';
import { registerVacancyRoutes } from './vacancies/routes.js';
import { registerWeb } from './web/index.js';
import { WEB_SCREENS } from './web/screens.js';

export const API_BASE = '/api/v1';
export type AppDeps = Omit<Deps, 'close'>;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Builds the Express app. Listening and shutdown live in start.ts; tests use the app in-process. */
export function createApp(deps: AppDeps): Express {
  const { config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req: IncomingMessage, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );
  app.use(compression());
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));

  registerHealthRoutes(app, deps);
  registerUnsubscribeRoutes(app, deps);
  registerQueueDashboard(app, deps);

  const context = (req: Request): RequestContext => ({
    requestId: String(req.id ?? ''),
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    now: deps.clock.now(),
  });
  const authenticate = async (req: Request) => {
    const header = req.get('authorization');
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw errors.unauthenticated();
    return actorFromToken(match[1], config);
  };
  const api = new ApiBuilder(authenticate, context);
  const hooks = createWriteHooks(deps);
  registerAuthRoutes(api, deps);
  registerAccountRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerFacilityRoutes(api);
  registerSkillRoutes(api);
  registerEmployerRoutes(api, hooks.employers);
  registerVacancyRoutes(api, hooks.vacancies);
  registerCandidateRoutes(api, hooks.candidates);
  registerAuditRoutes(api);
  registerSearchRoutes(api, deps);
  registerNotificationRoutes(api, deps);
  registerPlacementRoutes(api, deps, {
    candidates: hooks.candidates,
    vacancies: hooks.vacancies,
    afterCommit: hooks.candidates.afterCommit ?? (async () => undefined),
  });
  registerReportRoutes(api);
  registerSystemRoutes(api, deps);

  const openapi = api.openapi({
    title: 'Bekal Kerja API',
    version: pkg.version,
    serverUrl: `${config.PUBLIC_BASE_URL}${API_BASE}`,
  });
  app.get(`${API_BASE}/openapi.json`, (_req, res) => {
    res.json(openapi);
  });
  const docsHtml = renderDocsPage(api, API_BASE);
  app.get(`${API_BASE}/docs`, (_req, res) => {
    res.type('html').send(docsHtml);
  });
  app.use(API_BASE, api.router);
  registerWeb(app, deps, WEB_SCREENS);

  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
