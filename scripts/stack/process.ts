import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from './net.js';

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (exited, not yet reaped by its parent) still answers signal 0 but is gone for our purposes.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export interface Spawned {
  pid: number;
  exited: () => { code: number | null; signal: string | null } | null;
  logFile: string;
}

/**
 * Starts a server in its own process group with output appended to a log file, so that Ctrl-C in the
 * terminal does not kill it before the orderly shutdown, and it can outlive `npm run stack up`.
 */
export function spawnServer(cmd: string, args: string[], logFile: string, cwd?: string): Spawned {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd });
  fs.closeSync(out);
  let exit: { code: number | null; signal: string | null } | null = null;
  let spawnError: Error | null = null;
  child.once('error', (err) => {
    spawnError = err;
    exit = { code: -1, signal: null };
  });
  child.once('exit', (code, signal) => {
    exit = { code, signal };
  });
  child.unref();
  if (child.pid === undefined) {
    throw new Error(`could not start ${cmd}: ${(spawnError as Error | null)?.message ?? 'unknown error'}`);
  }
  return { pid: child.pid, exited: () => exit, logFile };
}

/** Last lines of a log file, for error messages. */
export function tail(file: string, lines = 8): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. Resolves when it is gone. */
export async function stopProcess(pid: number, graceMs = 20000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  if (!isAlive(pid)) return;
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  signal('SIGKILL');
  const hardDeadline = Date.now() + 5000;
  while (isAlive(pid) && Date.now() < hardDeadline) await sleep(50);
}

/** The path of a command on PATH, or null. */
export function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
