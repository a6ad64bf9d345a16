import net from 'node:net';
import { StackError } from './errors.js';

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 800): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `check` until it returns true, or throws a StackError naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  hint = '',
  abort?: () => string | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const aborted = abort?.();
    if (aborted) throw new StackError(aborted);
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new StackError(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s. ${hint}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for addresses this machine may start a server on. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/** Host and port of a server URL, with the protocol's default port. */
export function hostPort(rawUrl: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(rawUrl);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { host: host === 'localhost' ? '127.0.0.1' : host, port: u.port ? Number(u.port) : defaultPort };
}
