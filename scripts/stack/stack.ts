import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config/index.js';
import { StackError } from './errors.js';
import { isAlive, stopProcess } from './process.js';
import {
  mailSinkService,
  meiliService,
  mongoService,
  redisService,
  type ServiceDef,
  type ServiceName,
  type StackContext,
} from './services.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface StateEntry {
  pid: number;
  port: number;
  /** Pid of the command that will stop it, or null when started by `stack up` to keep running. */
  owner: number | null;
  startedAt: string;
}
type State = Partial<Record<ServiceName, StateEntry>>;

function statePath(dataDir: string): string {
  return path.join(dataDir, 'stack-state.json');
}

function readState(dataDir: string): State {
  try {
    return JSON.parse(fs.readFileSync(statePath(dataDir), 'utf8')) as State;
  } catch {
    return {};
  }
}

function updateState(dataDir: string, fn: (s: State) => void): void {
  const s = readState(dataDir);
  fn(s);
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${statePath(dataDir)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(s, null, 2));
  fs.renameSync(tmp, statePath(dataDir));
}

export function stackServices(config: Config): ServiceDef[] {
  return [
    mongoService(config),
    meiliService(config),
    redisService(config),
    mailSinkService(config, PROJECT_ROOT),
  ];
}

export interface StackHandle {
  services: { name: ServiceName; display: string; started: boolean; reused: boolean }[];
  /** Stops the servers this handle owns (those it started or adopted), in reverse order. */
  stop(): Promise<void>;
}

export interface UpOptions {
  /** `persistent`: servers keep running after this command (npm run stack up). */
  mode: 'ephemeral' | 'persistent';
  log?: (msg: string) => void;
}

/**
 * Brings the local stack up: every loopback URL that nothing answers gets its server started on that
 * URL's port; servers already answering are reused; remote URLs are used as given.
 */
export async function upStack(config: Config, opts: UpOptions): Promise<StackHandle> {
  const log = opts.log ?? ((m: string) => process.stdout.write(`[stack] ${m}\n`));
  const ctx: StackContext = {
    config,
    log,
    dataDir: config.LOCAL_DATA_DIR,
    cacheDir: config.LOCAL_CACHE_DIR,
  };
  const owner = opts.mode === 'persistent' ? null : process.pid;
  const owned: { name: ServiceName; pid: number }[] = [];
  const report: StackHandle['services'] = [];
  const handle: StackHandle = {
    services: report,
    async stop() {
      for (const { name, pid } of [...owned].reverse()) {
        await stopProcess(pid);
        updateState(ctx.dataDir, (s) => {
          if (s[name]?.pid === pid) delete s[name];
        });
        log(`${name}: stopped`);
      }
      owned.length = 0;
    },
  };

  // The servers are independent: they are probed and started side by side.
  const bring = async (svc: ReturnType<typeof stackServices>[number], at: number): Promise<void> => {
    const known = readState(ctx.dataDir)[svc.name];
    const status = await svc.probe();
    if (status === 'foreign') {
      throw new StackError(
        `Port ${svc.port} on ${svc.host} is taken by something that is not the expected ${svc.name} server. Fix:
          ${svc.fixHint}.`,
      );
    }
    if (status === 'ready') {
      // A server of ours left by an earlier run whose owner is gone (killed before it could stop it)
      // is adopted: this run stops it. Servers from `stack up` (owner null) and foreign ones are kept.
      const adopted =
        known !== undefined &&
        known.port === svc.port &&
        isAlive(known.pid) &&
        known.owner !== null &&
        !isAlive(known.owner);
      if (adopted && known) {
        owned.push({ name: svc.name, pid: known.pid });
        updateState(ctx.dataDir, (s) => {
          s[svc.name] = { ...known, owner };
        });
      }
      await svc.prepare?.(ctx);
      report[at] = { name: svc.name, display: svc.display, started: false, reused: true };
      log(`${svc.name}: reusing ${svc.display}${adopted ? ' (left by an earlier run; will stop it)' : ''}`);
      return;
    }
    if (!svc.local) {
      throw new StackError(
        `${svc.name} at ${svc.display} does not answer, and the stack only starts servers on this machine. Fix:
          start that server or point the URL at a loopback address so the stack starts one.`,
      );
    }
    log(`${svc.name}: starting on ${svc.host}:${svc.port}…`);
    const spawned = await svc.start(ctx);
    owned.push({ name: svc.name, pid: spawned.pid });
    updateState(ctx.dataDir, (s) => {
      s[svc.name] = { pid: spawned.pid, port: svc.port, owner, startedAt: new Date().toISOString() };
    });
    await svc.prepare?.(ctx);
    report[at] = { name: svc.name, display: svc.display, started: true, reused: false };
    log(`${svc.name}: running at ${svc.display} (log ${path.join(ctx.dataDir, 'logs')})`);
  };
  try {
    const results = await Promise.allSettled(stackServices(config).map((svc, i) => bring(svc, i)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}

/** Stops every server the stack started that is still recorded, whoever started it. */
export async function downStack(config: Config, log: (m: string) => void): Promise<void> {
  const state = readState(config.LOCAL_DATA_DIR);
  const names = (Object.keys(state) as ServiceName[]).reverse();
  if (names.length === 0) log('nothing to stop');
  for (const name of names) {
    const entry = state[name];
    if (!entry) continue;
    if (isAlive(entry.pid)) {
      await stopProcess(entry.pid);
      log(`${name}: stopped (pid ${entry.pid})`);
    }
    updateState(config.LOCAL_DATA_DIR, (s) => {
      delete s[name];
    });
  }
}

/** One line per server: answering or not, and whether the stack started it. */
export async function stackStatus(config: Config): Promise<string[]> {
  const state = readState(config.LOCAL_DATA_DIR);
  const lines: string[] = [];
  for (const svc of stackServices(config)) {
    const status = await svc.probe();
    const entry = state[svc.name];
    const by = entry && isAlive(entry.pid) ? ` (started by the stack, pid ${entry.pid})` : '';
    lines.push(`${svc.name.padEnd(12)} ${status.padEnd(8)} ${svc.display}${by}`);
  }
  return lines;
}
