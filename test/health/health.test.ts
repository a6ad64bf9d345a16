import assert from 'node:assert/strict';
import request from 'supertest';
import { config, loadConfig } from '../../config/index.js';
import { createApp } from '../../server/app.js';
import { createRedis } from '../../server/infra/redis.js';
import { createSearchEngine } from '../../server/infra/search.js';
import { testApp, testDeps } from '../support/context.js';

describe('health and readiness', () => {
  it('when the process runs, then /health answers 200', async () => {
    const res = await request(await testApp()).get('/health');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
  });

  it('when MongoDB, Meilisearch and Redis answer, then /ready is 200 with each check up', async () => {
    const res = await request(await testApp()).get('/ready');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.checks, { mongodb: 'up', meilisearch: 'up', redis: 'up' });
  });

  it('when Meilisearch does not answer, then /ready is 503 naming it', async () => {
    const deps = await testDeps();
    // A real client pointed at a port where nothing listens.
    const search = createSearchEngine(loadConfig({ ...process.env, MEILI_URL: 'http://127.0.0.1:9' }));
    const res = await request(createApp({ ...deps, search })).get('/ready');
    assert.equal(res.status, 503);
    assert.equal(res.body.checks.meilisearch, 'down');
    assert.equal(res.body.checks.mongodb, 'up');
    assert.equal(res.body.error.code, 'dependency_unavailable');
    assert.match(res.body.error.message, /meilisearch/);
    assert.ok(res.headers['retry-after']);
  });

  it('when Redis does not answer, then /ready is 503 naming it', async () => {
    const deps = await testDeps();
    const redis = createRedis({ ...config, REDIS_URL: 'redis://127.0.0.1:9' }, 'request');
    try {
      const res = await request(createApp({ ...deps, redis })).get('/ready');
      assert.equal(res.status, 503);
      assert.equal(res.body.checks.redis, 'down');
      assert.match(res.body.error.messageEn, /redis/);
    } finally {
      redis.disconnect();
    }
  });
});
