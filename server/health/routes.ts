import type { Express } from 'express';
import type { Deps } from '../deps.js';

type Check = 'mongodb' | 'meilisearch' | 'redis';

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Checks each dependency with a short timeout; all run in parallel. */
export async function readiness(
  deps: Pick<Deps, 'mongo' | 'search' | 'redis'>,
): Promise<Record<Check, 'up' | 'down'>> {
  const probe = async (fn: () => Promise<unknown>) =>
    within(1500, fn()).then(
      (v) => (v === false ? 'down' : 'up') as 'up' | 'down',
      () => 'down' as const,
    );
  const [mongodb, meilisearch, redis] = await Promise.all([
    probe(() => deps.mongo.ping()),
    probe(() => deps.search.health()),
    probe(async () => (await deps.redis.ping()) === 'PONG'),
  ]);
  return { mongodb, meilisearch, redis };
}

/** `/health` says the process runs; `/ready` says it can serve (MongoDB, Meilisearch, Redis answer). */
export function registerHealthRoutes(app: Express, deps: Pick<Deps, 'mongo' | 'search' | 'redis'>): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (req, res) => {
    const checks = await readiness(deps);
    const down = (Object.keys(checks) as Check[]).filter((k) => checks[k] === 'down');
    if (down.length === 0) {
      res.json({ status: 'ready', checks });
      return;
    }
    res
      .status(503)
      .set('Retry-After', '5')
      .json({
        status: 'unavailable',
        checks,
        error: {
          code: 'dependency_unavailable',
          message: `Belum siap: ${down.join(', ')} tidak menjawab`,
          messageEn: `Not ready: ${down.join(', ')} not answering`,
          details: down.map((d) => ({
            path: d,
            code: 'down',
            message: 'tidak menjawab',
            messageEn: 'not answering',
          })),
          requestId: String(req.id ?? ''),
        },
      });
  });
}
