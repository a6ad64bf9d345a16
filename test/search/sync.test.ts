import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { config, loadConfig } from '../../config/index.js';
import { ensureBinary, MEILISEARCH } from '../../scripts/stack/binaries.js';
import { isPortOpen } from '../../scripts/stack/net.js';
import { stopProcess } from '../../scripts/stack/process.js';
import { createApp } from '../../server/app.js';
import type { Deps } from '../../server/deps.js';
import { createLogger } from '../../server/infra/logger.js';
import { createQueueBus } from '../../server/infra/queue.js';
import { createRedis } from '../../server/infra/redis.js';
import { createSearchEngine } from '../../server/infra/search.js';
import { createOutbox } from '../../server/outbox/service.js';
import { CANDIDATES_INDEX, FORBIDDEN_INDEX_FIELDS, VACANCIES_INDEX } from '../../server/search/documents.js';
import { ensureSearchIndexes, reconcileFull } from '../../server/search/sync.js';
import { startWorkers, type WorkerPool } from '../../workers/runtime.js';
import { clearBacklog } from '../access/queue-cleanup.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  candidateInput,
  type Places,
  uniq,
} from '../support/factories.js';
import { indexedCandidate, indexedVacancy, indexNow, waitFor } from './support.js';

describe('search index sync', () => {
  let places: Places;
  before(async () => {
    places = await buildPlaces(`Kab Sync ${uniq()}`);
  });

  describe('with a worker running', () => {
    let pool: WorkerPool;
    before(async function () {
      this.timeout(120_000);
      await clearBacklog();
      pool = startWorkers(await testDeps(), { concurrency: 4 });
    });
    after(async () => {
      await pool.close();
    });

    it('when a person withdraws consent, then they leave the index within 5 seconds', async () => {
      const deps = await testDeps();
      const c = await buildCandidate(places);
      await waitFor(() => indexedCandidate(deps, c.publicId), 10_000);
      const me = await buildUser({ role: 'candidate', candidateId: c.id });
      const started = Date.now();
      const res = await request(await testApp())
        .put(`/api/v1/candidates/${c.id}/consent`)
        .set(me.auth)
        .send({ shareWithEmployers: false, contactByEmail: true });
      assert.equal(res.status, 200);
      await waitFor(async () => (await indexedCandidate(deps, c.publicId)) === null, 5_000);
      const took = Date.now() - started;
      assert.ok(took < 5_000, `took ${took} ms`);
    });

    it('when a person is erased, then their document leaves the index within 5 seconds', async () => {
      const deps = await testDeps();
      const c = await buildCandidate(places);
      await waitFor(() => indexedCandidate(deps, c.publicId), 10_000);
      const admin = await buildUser({ role: 'admin' });
      const started = Date.now();
      assert.equal(
        (
          await request(await testApp())
            .delete(`/api/v1/candidates/${c.id}`)
            .set(admin.auth)
        ).status,
        204,
      );
      await waitFor(async () => (await indexedCandidate(deps, c.publicId)) === null, 5_000);
      assert.ok(Date.now() - started < 5_000);
    });

    it('when a vacancy is closed, then it leaves the index within 5 seconds', async () => {
      const deps = await testDeps();
      const employer = await buildEmployer();
      const v = await buildVacancy(employer.id);
      await waitFor(() => indexedVacancy(deps, v.id), 10_000);
      const { auth } = await buildUser({ role: 'employer', employerId: employer.id });
      const started = Date.now();
      assert.equal(
        (
          await request(await testApp())
            .patch(`/api/v1/vacancies/${v.id}`)
            .set(auth)
            .send({ status: 'closed' })
        ).status,
        200,
      );
      await waitFor(async () => (await indexedVacancy(deps, v.id)) === null, 5_000);
      assert.ok(Date.now() - started < 5_000);
    });
  });

  it('when documents are scanned directly, then none holds a forbidden field or a personal value', async () => {
    const deps = await testDeps();
    const people = await Promise.all([1, 2, 3].map(() => buildCandidate(places)));
    await indexNow(deps);
    const forbiddenValues = people.flatMap((p) => [
      p.fullName,
      p.registrationNumber,
      p.birthDate,
      p.contact.email ?? '',
      p.offenceCategory ?? '',
      p.notes ?? '',
      p.id,
    ]);
    const walk = (v: unknown, keys: string[]) => {
      if (Array.isArray(v)) for (const x of v) walk(x, keys);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.push(k);
          walk(x, keys);
        }
    };
    let scanned = 0;
    for (const index of [CANDIDATES_INDEX, VACANCIES_INDEX]) {
      for await (const page of deps.search.allDocuments(index)) {
        for (const doc of page) {
          scanned++;
          const keys: string[] = [];
          walk(doc, keys);
          for (const f of FORBIDDEN_INDEX_FIELDS) assert.ok(!keys.includes(f), `${index} document has ${f}`);
          const text = JSON.stringify(doc);
          for (const value of forbiddenValues.filter((x) => x.length > 3))
            assert.ok(!text.includes(value), `${index} leaks ${value}`);
        }
      }
    }
    assert.ok(scanned >= 3);
    for (const p of people)
      assert.ok(await indexedCandidate(deps, p.publicId), 'the consenting people are indexed');
  });

  it('when the index drifts (missing, stale, orphan), then the full reconcile repairs it', async () => {
    const deps = await testDeps();
    const missing = await buildCandidate(places);
    const stale = await buildCandidate(places);
    await indexNow(deps);
    // Drift made behind the system's back: one document removed, one rewritten with an old version, one orphan added.
    await deps.search.remove(CANDIDATES_INDEX, [missing.publicId]);
    const staleDoc = await indexedCandidate(deps, stale.publicId);
    await deps.search.upsert(CANDIDATES_INDEX, [{ ...staleDoc, version: 0, ageBand: 'stale' }], 'publicId');
    const orphanId = `BK-ORPH${uniq().slice(0, 4).toUpperCase()}`;
    await deps.search.upsert(CANDIDATES_INDEX, [{ ...staleDoc, publicId: orphanId }], 'publicId');

    const reports = await reconcileFull(deps.search, new Date());
    const cand = reports.find((r) => r.kind === 'candidates');
    assert.ok(cand && cand.missing >= 1 && cand.stale >= 1 && cand.orphans >= 1, JSON.stringify(cand));
    assert.ok(await indexedCandidate(deps, missing.publicId));
    assert.notEqual((await indexedCandidate(deps, stale.publicId))?.ageBand, 'stale');
    assert.equal(await indexedCandidate(deps, orphanId), null);
  });

  describe('when Meilisearch is down', () => {
    // A Meilisearch of this test's own, so stopping it does not disturb anything else.
    const port = 7790 + Math.floor(Math.random() * 100);
    const dataDir = path.join(config.LOCAL_DATA_DIR, 'tmp', `meili-outage-${uniq()}`);
    let meiliPid = 0;
    let deps: Deps;
    let pool: WorkerPool | null = null;

    async function startMeili(): Promise<void> {
      const bin = await ensureBinary(MEILISEARCH, config.LOCAL_CACHE_DIR, () => undefined);
      fs.mkdirSync(dataDir, { recursive: true });
      const child = spawn(
        bin,
        [
          '--http-addr',
          `127.0.0.1:${port}`,
          '--db-path',
          path.join(dataDir, 'db'),
          '--master-key',
          config.MEILI_MASTER_KEY,
          '--no-analytics',
        ],
        {
          cwd: dataDir,
          detached: true,
          stdio: 'ignore',
        },
      );
      child.unref();
      meiliPid = child.pid ?? 0;
      await waitFor(() => isPortOpen('127.0.0.1', port), 30_000, 100);
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok ?? false,
        30_000,
        100,
      );
    }

    before(async function () {
      this.timeout(120_000);
      await startMeili();
      const base = await testDeps();
      const own = loadConfig({
        ...process.env,
        MEILI_URL: `http://127.0.0.1:${port}`,
        QUEUE_PREFIX: `${config.QUEUE_PREFIX}o`,
      });
      const search = createSearchEngine(own);
      await ensureSearchIndexes(search);
      const redis = createRedis(own, 'request');
      const queues = createQueueBus(own, redis);
      const log = createLogger({ ...own, LOG_LEVEL: 'silent' }, 'outage-test');
      deps = {
        ...base,
        config: own,
        search,
        redis,
        queues,
        outbox: createOutbox(queues, log),
        log,
        close: async () => undefined,
      };
      pool = startWorkers(deps, { concurrency: 4 });
    });

    after(async function () {
      this.timeout(60_000);
      await pool?.close();
      await deps?.queues.close();
      deps?.redis.disconnect();
      if (meiliPid) await stopProcess(meiliPid);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('then writes still answer 201, search answers 503, and the index converges once it is back', async function () {
      this.timeout(120_000);
      const app = createApp(deps);
      const staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
      const employer = await buildEmployer();
      const employerUser = await buildUser({ role: 'employer', employerId: employer.id });

      await stopProcess(meiliPid);
      const input = candidateInput(places);
      const created = await request(app)
        .post('/api/v1/candidates')
        .set(staff.auth)
        .send({ ...input, birthDate: '1990-05-17', release: { expectedDate: '2030-01-07', type: 'pb' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const search = await request(app)
        .get('/api/v1/search/candidates')
        .query({ q: 'las' })
        .set(employerUser.auth);
      assert.equal(search.status, 503);
      assert.equal(search.body.error.code, 'service_unavailable');
      assert.match(search.body.error.messageEn, /search/);

      // Back up: no manual step — the worker's retries (or the reconcile sweep) converge the index.
      await startMeili();
      const doc = await waitFor(
        () => deps.search.getDocument(CANDIDATES_INDEX, created.body.publicId),
        60_000,
        250,
      );
      assert.equal(doc.publicId, created.body.publicId);
      const after = await request(app)
        .get('/api/v1/search/candidates')
        .query({ q: 'las' })
        .set(employerUser.auth);
      assert.equal(after.status, 200);
    });
  });
});
