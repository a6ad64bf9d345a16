import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { RequestContext } from '../auth/actor.js';
import { loginUser } from '../auth/service.js';
import type { Deps } from '../deps.js';
import { AppError } from '../http/errors.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

function challenge(res: Response): void {
  res
    .set('WWW-Authenticate', 'Basic realm="Bekal Kerja admin", charset="UTF-8"')
    .status(401)
    .type('text')
    .send('Masuk sebagai admin / Admin sign-in required');
}

/**
 * The queue dashboard (Bull Board) for admins. Browsers cannot send bearer tokens, so it asks for the
 * admin's email and password (HTTP Basic over HTTPS in production), checked like a login: same rate
 * limit, same answer for a wrong email or password, admins only.
 */
export function registerQueueDashboard(
  app: Express,
  deps: Pick<Deps, 'queues' | 'config' | 'limiter' | 'clock'>,
): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: deps.queues.all().map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Bekal Kerja — antrean' } },
  });

  // The dashboard polls and loads many assets; a verified credential is trusted for a few minutes so
  // each request does not count as a new login attempt.
  const verified = new Map<string, number>();
  const requireAdmin = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match?.[1]) return challenge(res);
    const cacheKey = createHash('sha256').update(match[1]).digest('hex');
    if ((verified.get(cacheKey) ?? 0) > Date.now()) return next();
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    const email = decoded.slice(0, sep);
    const password = decoded.slice(sep + 1);
    const ctx: RequestContext = {
      requestId: String(req.id ?? ''),
      ip: req.ip ?? 'unknown',
      now: deps.clock.now(),
    };
    try {
      const result = await loginUser(
        { config: deps.config, limiter: deps.limiter },
        { email, password },
        ctx,
      );
      if (result.user.role !== 'admin') return challenge(res);
      verified.set(cacheKey, Date.now() + 5 * 60_000);
      next();
    } catch (err) {
      if (err instanceof AppError && err.status === 429) {
        res
          .set(err.headers ?? {})
          .status(429)
          .type('text')
          .send(err.message);
        return;
      }
      if (err instanceof AppError && err.status === 401) return challenge(res);
      next(err);
    }
  };
  // The dashboard ships its own styles; scripts stay same-origin only.
  const dashboardCsp = (_req: Request, res: Response, next: NextFunction) => {
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
    );
    next();
  };
  app.use(QUEUE_DASHBOARD_PATH, requireAdmin, dashboardCsp, serverAdapter.getRouter());
}
