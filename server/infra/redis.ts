import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../../config/index.js';
import type { Logger } from './logger.js';

export type { Redis } from 'ioredis';

/**
 * A Redis connection. `worker` connections block on BRPOPLPUSH-style commands and must retry forever
 * (`maxRetriesPerRequest: null`, as BullMQ requires); request-path connections fail fast instead so
 * an API call never hangs on a Redis outage.
 */
export function createRedis(
  config: Pick<Config, 'REDIS_URL'>,
  kind: 'worker' | 'request',
  log?: Logger,
): Redis {
  const options: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: false }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: 2000 };
  const client = new Redis(config.REDIS_URL, {
    ...options,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastLogged = 0;
  client.on('error', (err: Error) => {
    // Reconnects are automatic; log at most every 10 s instead of on each retry.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      log?.warn({ err: err.message }, 'redis connection error');
    }
  });
  return client;
}
