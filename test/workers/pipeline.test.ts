import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import request from 'supertest';
import { config } from '../../config/index.js';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/infra/logger.js';
import { createQueueBus } from '../../server/infra/queue.js';
import { createRedis } from '../../server/infra/redis.js';
import { createOutbox } from '../../server/outbox/service.js';
import { assertComplete } from '../../workers/registry.js';
import { testApp, testDeps } from '../support/context.js';
import { buildUser } from '../support/factories.js';

function startWorkerProcess(): ChildProcess {
  // The same command as production, with this run's environment (database, prefixes).
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    env: process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function waitUntil<T>(fn: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('worker pipeline', () => {
  it('when the registry lacks a handler, then the worker refuses to start naming it', () => {
    assert.doesNotThrow(() => assertComplete());
    assert.throws(() => assertComplete({}), /Missing handlers: system\.ping/);
    assert.throws(() => assertComplete({ 'system.ping': () => 1, 'x.y': () => 1 }), /unknown jobs: x\.y/);
  });

  it('when the API enqueues a job, then a separate worker process runs it, and SIGTERM stops the worker cleanly', async function () {
    this.timeout(60_000);
    const app = await testApp();
    const { auth } = await buildUser({ role: 'admin' });
    const worker = startWorkerProcess();
    let stderr = '';
    worker.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      const created = await request(app).post('/api/v1/admin/diagnostics/pings').set(auth);
      assert.equal(created.status, 202);
      assert.equal(created.body.status, 'queued');
      const handled = await waitUntil(async () => {
        const res = await request(app).get(`/api/v1/admin/diagnostics/pings/${created.body.id}`).set(auth);
        return res.body.status === 'handled' ? res.body : null;
      }, 30_000);
      assert.match(handled.handledBy, new RegExp(`:${worker.pid}$`));
    } finally {
      const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
      worker.kill('SIGTERM');
      const code = await exited;
      assert.equal(code, 0, `worker exit code (stderr: ${stderr.slice(-500)})`);
    }
  });

  it('when Redis is down at write time, then the job waits in the outbox and the relay delivers it later', async function () {
    this.timeout(60_000);
    const deps = await testDeps();
    const { auth } = await buildUser({ role: 'admin' });
    // An API whose queue connection points at a dead Redis: the write must still succeed.
    const deadRedis = createRedis({ ...config, REDIS_URL: 'redis://127.0.0.1:9' }, 'request');
    const deadBus = createQueueBus(config, deadRedis);
    const log = createLogger({ ...config, LOG_LEVEL: 'silent' }, 'test');
    const app = createApp({ ...deps, queues: deadBus, outbox: createOutbox(deadBus, log) });
    try {
      const created = await request(app).post('/api/v1/admin/diagnostics/pings').set(auth);
      assert.equal(created.status, 202);
      // Redis comes back: the worker process's relay finds the pending entry and the job runs.
      const worker = startWorkerProcess();
      try {
        const handled = await waitUntil(async () => {
          const res = await request(await testApp())
            .get(`/api/v1/admin/diagnostics/pings/${created.body.id}`)
            .set(auth);
          return res.body.status === 'handled' ? res.body : null;
        }, 30_000);
        assert.equal(handled.status, 'handled');
      } finally {
        const exited = new Promise((r) => worker.once('exit', r));
        worker.kill('SIGTERM');
        await exited;
      }
    } finally {
      await deadBus.close().catch(() => undefined);
      deadRedis.disconnect();
    }
  });
});
