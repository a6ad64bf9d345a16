import fs from 'node:fs';
import path from 'node:path';
import { config } from '../../../config/index.js';
import { axeLog } from './axe.js';

/** Figures the browser suite measured (bytes of a first view, seed time…), by name. */
export const metrics: Record<string, number | string> = {};

/** Keeps a measured figure for the suite's report. */
export function recordMetric(name: string, value: number | string): void {
  metrics[name] = value;
}

/**
 * Writes what the browser suite measured and every axe run to the local data directory (never
 * committed), for looking at after a run: `browser-report.json`.
 */
export function writeBrowserReport(): string | null {
  if (axeLog.length === 0 && Object.keys(metrics).length === 0) return null;
  const file = path.join(config.LOCAL_DATA_DIR, 'browser-report.json');
  fs.mkdirSync(config.LOCAL_DATA_DIR, { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        metrics,
        axe: {
          screens: axeLog.length,
          violations: axeLog.reduce((n, r) => n + r.violations, 0),
          runs: axeLog,
        },
      },
      null,
      2,
    )}\n`,
  );
  return file;
}
