/**
 * `npm test`: lint, typecheck, then the mocha suites against the real servers. Brings the local stack
 * up (or reuses it); this run gets its own database, index prefix and queue prefix, cleans them up, and
 * stops only the servers it started. Ends with one line: "N passed, M failed".
 *
 *   npm test                       everything
 *   npm test -- --fast             skip lint and typecheck
 *   npm test -- --verbose          show the app's logs
 *   npm test -- --grep "login"     extra arguments go to mocha
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Meilisearch } from 'meilisearch';
import mongoose from 'mongoose';
import { config } from '../config/index.js';
import { StackError } from './stack/errors.js';
import { PROJECT_ROOT, type StackHandle, upStack } from './stack/stack.js';

const log = (m: string) => process.stdout.write(`[test] ${m}\n`);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env, cwd: PROJECT_ROOT });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);

async function cleanup(env: { uri: string; indexPrefix: string; queuePrefix: string }): Promise<void> {
  await mongoose
    .createConnection(env.uri, { serverSelectionTimeoutMS: 5000 })
    .asPromise()
    .then(async (conn) => {
      await conn.dropDatabase();
      await conn.close();
    })
    .catch((err: Error) => log(`could not drop the test database: ${err.message}`));
  try {
    const meili = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY });
    const { results } = await meili.getIndexes({ limit: 1000 });
    for (const idx of results.filter((i) => i.uid.startsWith(env.indexPrefix))) {
      await meili.deleteIndex(idx.uid).waitTask({ timeout: 30_000 });
    }
  } catch (err) {
    log(`could not delete test indexes: ${(err as Error).message}`);
  }
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch (err) {
    log(`could not delete test queue keys: ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const fast = args.includes('--fast');
  const verbose = args.includes('--verbose');
  const mochaArgs = args.filter((a) => a !== '--fast' && a !== '--verbose');
  // Files or globs given on the command line replace the whole suite.
  if (!mochaArgs.some((a) => !a.startsWith('-') && (a.endsWith('.ts') || a.includes('/')))) {
    mochaArgs.push('test/**/*.test.ts');
  }
  const failedSteps: string[] = [];

  if (!fast) {
    log('lint (biome check)…');
    if ((await run(bin('biome'), ['check', '.'])) !== 0) failedSteps.push('lint');
    log('typecheck (tsc --noEmit)…');
    if ((await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])) !== 0) failedSteps.push('typecheck');
  }

  let stack: StackHandle | null = null;
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const uri = new URL(config.MONGODB_URI);
  uri.pathname = `/bk_test_${runId}`;
  const testEnv = {
    uri: uri.toString(),
    indexPrefix: `t${runId}_`,
    queuePrefix: `bkt${runId}`,
  };
  fs.mkdirSync(config.LOCAL_DATA_DIR, { recursive: true });
  const summaryFile = path.join(config.LOCAL_DATA_DIR, `test-summary-${runId}.json`);
  let stats = { passes: 0, failures: 0, pending: 0 };
  let mochaCode = 1;
  try {
    stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });
    log(
      `run ${runId}: database ${uri.pathname.slice(1)}, index prefix ${testEnv.indexPrefix}, queue prefix ${testEnv.queuePrefix}`,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--import=tsx'].filter(Boolean).join(' '),
      MONGODB_URI: testEnv.uri,
      MEILI_INDEX_PREFIX: testEnv.indexPrefix,
      QUEUE_PREFIX: testEnv.queuePrefix,
      BCRYPT_ROUNDS: '4',
      LOG_LEVEL: verbose ? 'info' : 'silent',
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      TEST_RUN_ID: runId,
    };
    mochaCode = await run(
      bin('mocha'),
      [
        '--reporter',
        'test/support/summary-reporter.cjs',
        '--reporter-option',
        `summaryFile=${summaryFile}`,
        ...mochaArgs,
      ],
      env,
    );
    try {
      stats = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as typeof stats;
      fs.rmSync(summaryFile, { force: true });
    } catch {
      failedSteps.push('mocha (no summary: the run crashed before finishing)');
    }
  } catch (err) {
    if (err instanceof StackError) {
      process.stderr.write(`\n[stack] ${err.message}\n\n`);
      failedSteps.push('stack');
    } else {
      throw err;
    }
  } finally {
    if (stack) {
      await cleanup(testEnv);
      await stack.stop();
    }
  }
  if (mochaCode !== 0 && stats.failures === 0 && !failedSteps.some((s) => s.startsWith('mocha'))) {
    failedSteps.push(`mocha (exit code ${mochaCode})`);
  }
  const failed = stats.failures + failedSteps.length;
  const extra = [
    stats.pending ? `${stats.pending} pending` : '',
    failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  process.stdout.write(`\n${stats.passes} passed, ${failed} failed${extra ? ` (${extra})` : ''}\n`);
  return failed === 0 && stats.passes > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `${(err as Error).stack ?? String(err)}\n0 passed, 1 failed (test runner crashed)\n`,
    );
    process.exit(1);
  },
);
