import { pino } from 'pino';
import type { Config } from '../../config/index.js';

export type Logger = pino.Logger;

/** The process logger. Secrets and personal fields are redacted wherever they appear in log objects. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, name: string): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
        '*.fullName',
        '*.registrationNumber',
        '*.offenceCategory',
      ],
      censor: '[redacted]',
    },
  });
}
