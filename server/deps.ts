import type { Config } from '../config/index.js';
import { createLoginLimiter, type LoginLimiter } from './auth/rate-limit.js';
import { type Clock, systemClock } from './infra/clock.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createMailer, type Mailer } from './infra/mail.js';
import { connectMongo, type MongoHandle } from './infra/mongo.js';
import { createQueueBus, type QueueBus } from './infra/queue.js';
import { createRedis, type Redis } from './infra/redis.js';
import { createSearchEngine, type SearchEngine } from './infra/search.js';
import './models.js';
import { createOutbox, type Outbox } from './outbox/service.js';

/** Everything the API and the workers talk to, built once per process and passed explicitly. */
export interface Deps {
  config: Config;
  log: Logger;
  clock: Clock;
  mongo: MongoHandle;
  redis: Redis;
  search: SearchEngine;
  queues: QueueBus;
  outbox: Outbox;
  limiter: LoginLimiter;
  /** Pooled SMTP; connects on first send. */
  mailer: Mailer;
  close(): Promise<void>;
}

/** Connects to MongoDB, Redis and Meilisearch for a process of the given kind. */
export async function createDeps(config: Config, kind: 'api' | 'worker' | 'script'): Promise<Deps> {
  const log = createLogger(config, kind);
  const mongo = await connectMongo(config);
  const redis = createRedis(config, kind === 'worker' ? 'worker' : 'request', log);
  const queues = createQueueBus(config, redis, log);
  const search = createSearchEngine(config);
  const clock = systemClock;
  const mailer = createMailer(config);
  return {
    config,
    log,
    clock,
    mongo,
    redis,
    search,
    queues,
    outbox: createOutbox(queues, log, () => clock.now()),
    limiter: createLoginLimiter(config, redis),
    mailer,
    async close() {
      mailer.close();
      await queues.close().catch(() => undefined);
      redis.disconnect();
      await mongo.close();
    },
  };
}
