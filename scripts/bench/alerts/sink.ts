/**
 * A mail sink of the benchmark's own: the project's local SMTP sink (scripts/mail-sink.ts) started on
 * free loopback ports, so that messages other runs on a shared machine send to the stack's sink
 * neither count towards nor get cleared from this run's measurements. Both sides of the throughput
 * comparison deliver to it.
 */
import net from 'node:net';
import path from 'node:path';
import { sleep, waitFor } from '../../stack/net.js';
import { spawnServer, stopProcess } from '../../stack/process.js';
import { PROJECT_ROOT } from '../../stack/stack.js';

/** A message as the sink's HTTP API returns it. */
export interface SinkMessage {
  id: string;
  from: string;
  to: string[];
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string;
  date: string;
  headers: Record<string, string>;
}

export interface Sink {
  smtpUrl: string;
  httpPort: number;
  /** Messages held (GET /api/health `count`). */
  count(): Promise<number>;
  /** DELETE /api/messages. */
  clear(): Promise<void>;
  /** The newest `limit` messages. */
  messages(limit: number): Promise<SinkMessage[]>;
  stop(): Promise<void>;
  /** Signals the sink to end without waiting (for an interrupted run). */
  kill(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a private sink that keeps up to `maxMessages` messages; stop() ends it. */
export async function startPrivateSink(logDir: string, maxMessages: number): Promise<Sink> {
  const smtpPort = await freePort();
  const httpPort = await freePort();
  const base = `http://127.0.0.1:${httpPort}`;
  const spawned = spawnServer(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(PROJECT_ROOT, 'scripts', 'mail-sink.ts'),
      '--smtp-port',
      String(smtpPort),
      '--http-port',
      String(httpPort),
      '--max',
      String(maxMessages),
    ],
    path.join(logDir, `bench-alerts-sink-${smtpPort}.log`),
    PROJECT_ROOT,
  );
  const health = async () => {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
    return (await res.json()) as { service?: string; smtpPort?: number; count?: number };
  };
  const stop = () => stopProcess(spawned.pid, 5000);
  try {
    await waitFor(
      'benchmark mail sink',
      async () => (await health()).smtpPort === smtpPort,
      30_000,
      `See ${spawned.logFile}.`,
      () => (spawned.exited() ? `the benchmark mail sink exited; see ${spawned.logFile}` : null),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    httpPort,
    async count() {
      return (await health()).count ?? 0;
    },
    async clear() {
      await fetch(`${base}/api/messages`, { method: 'DELETE' });
      // The store is cleared synchronously; make sure a late message of a previous phase is gone too.
      await sleep(50);
      if ((await health()).count) await fetch(`${base}/api/messages`, { method: 'DELETE' });
    },
    async messages(limit) {
      const res = await fetch(`${base}/api/messages?limit=${limit}`);
      return (await res.json()) as SinkMessage[];
    },
    stop,
    kill() {
      try {
        process.kill(-spawned.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}
