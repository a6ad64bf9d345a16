import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config/index.js';
import { AppError } from '../http/errors.js';
import type { Redis } from '../infra/redis.js';

export interface LoginLimiter {
  /** Counts an attempt; throws 429 when the caller has used up the window. */
  consume(ip: string, email: string): Promise<void>;
  /** Forgets failed attempts for this email from this address after a successful login. */
  reset(ip: string, email: string): Promise<void>;
}

/**
 * Login attempts are limited per address+email (guessing one account) and per address (spraying
 * many). Counters live in Redis so every API instance shares them; if Redis is down a per-process
 * memory limiter takes over rather than letting logins through unlimited.
 */
export function createLoginLimiter(
  config: Pick<Config, 'LOGIN_MAX_ATTEMPTS' | 'LOGIN_WINDOW_SECONDS' | 'QUEUE_PREFIX'>,
  redis: Redis,
): LoginLimiter {
  const make = (suffix: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.QUEUE_PREFIX}:rl:${suffix}`,
      points,
      duration: config.LOGIN_WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ points, duration: config.LOGIN_WINDOW_SECONDS }),
    });
  const perAccount = make('login-account', config.LOGIN_MAX_ATTEMPTS);
  const perAddress = make('login-ip', config.LOGIN_MAX_ATTEMPTS * 5);
  const accountKey = (ip: string, email: string) => `${ip}|${email.trim().toLowerCase()}`;

  return {
    async consume(ip, email) {
      try {
        await perAddress.consume(ip);
        await perAccount.consume(accountKey(ip, email));
      } catch (res) {
        if (res instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
          throw new AppError({
            code: 'too_many_attempts',
            status: 429,
            message: `Terlalu banyak percobaan masuk; coba lagi dalam ${seconds} detik`,
            messageEn: `Too many sign-in attempts; try again in ${seconds} seconds`,
            headers: { 'Retry-After': String(seconds) },
          });
        }
        throw res;
      }
    },
    async reset(ip, email) {
      await perAccount.delete(accountKey(ip, email)).catch(() => undefined);
    },
  };
}
