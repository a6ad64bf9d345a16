/**
 * `npm start`: the whole system on this machine with demo data. Brings up the local stack (fetching the
 * servers on first run), seeds the demo data (re-runnable) while the API and one worker start, waits
 * for /ready, prints where everything is and the demo logins. Ctrl-C stops everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { config, DEV_SECRETS } from '../config/index.js';
import { StackError } from './stack/errors.js';
import { sleep } from './stack/net.js';
import { PROJECT_ROOT, type StackHandle, upStack } from './stack/stack.js';

const log = (m: string) => process.stdout.write(`[start] ${m}\n`);

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: PROJECT_ROOT,
    env,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (code ${code}, signal ${signal}); stopping everything`);
      void stopAll(1);
    }
  });
  return child;
}

let stopping = false;
let stack: StackHandle | null = null;
const children: ChildProcess[] = [];

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => {
            c.kill('SIGKILL');
            resolve();
          }, 35_000).unref();
        }),
    ),
  );
  if (stack) await stack.stop();
  log('stopped');
  process.exit(code);
}

async function waitReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
      if (res.ok) return true;
    } catch {
      /* not up yet */
    }
    await sleep(300);
  }
  return false;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const started = Date.now();
  stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });

  const adminEmail = config.ADMIN_EMAIL ?? 'admin@bekalkerja.local';
  const adminPassword = config.ADMIN_PASSWORD ?? DEV_SECRETS.ADMIN_PASSWORD;
  const env: NodeJS.ProcessEnv = { ...process.env, ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword };

  // The API and the worker boot while the demo data is seeded (every step of both is safe to run
  // alongside the other); the system is announced ready once the seed is done and /ready answers.
  log('seeding demo data, starting the API and a worker…');
  const seed = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: 'inherit',
  });
  children.push(startChild('API', 'server/start.ts', env));
  children.push(startChild('worker', 'workers/main.ts', env));
  const seedCode = await new Promise<number>((r) => seed.on('exit', (c) => r(c ?? 1)));
  if (seedCode !== 0) {
    log('seeding failed; see above');
    await stopAll(1);
  }
  const base = `http://127.0.0.1:${config.PORT}`;
  if (!(await waitReady(`${base}/ready`, 60_000))) {
    log(`the API did not become ready at ${base}/ready within 60 s`);
    await stopAll(1);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `Bekal Kerja siap / ready in ${secs} s`,
      `  API           ${config.PUBLIC_BASE_URL}/api/v1`,
      `  API docs      ${config.PUBLIC_BASE_URL}/api/v1/docs (OpenAPI: /api/v1/openapi.json)`,
      `  Health        ${config.PUBLIC_BASE_URL}/ready`,
      `  Mail sink     http://127.0.0.1:${config.MAIL_SINK_HTTP_PORT}/ (JSON: /api/messages)`,
      ...stack.services.map((s) => `  ${s.name.padEnd(13)} ${s.display}${s.started ? '' : ' (reused)'}`),
      '',
      'Demo logins (see scripts/seed.ts output above for every role):',
      `  admin         ${adminEmail} / ${adminPassword}`,
      '',
      'Ctrl-C stops everything started here.',
      '',
    ].join('\n'),
  );
}

main().catch(async (err: unknown) => {
  if (err instanceof StackError) process.stderr.write(`\n[stack] ${err.message}\n\n`);
  else process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  await stopAll(1);
});
