import assert from 'node:assert/strict';
import request from 'supertest';
import { PROGRAMMES, SKILLS } from '../../server/skills/taxonomy.data.js';
import { buildUser, type TestUser } from '../support/factories.js';
import { BASE, skillsApp } from './skills-app.js';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    messageEn: string;
    details?: { path: string; code: string; suggestions?: { code: string }[] }[];
  };
}

function paths(body: ErrorBody): string[] {
  return (body.error.details ?? []).map((d) => d.path);
}

describe('skills routes', () => {
  let user: TestUser;
  before(async () => {
    user = await buildUser({ role: 'candidate' });
  });

  describe('GET /skills', () => {
    it('when signed in, then every skill comes back in the contract shape', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/skills`).set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, SKILLS.length);
      const smaw = res.body.find((s: { code: string }) => s.code === 'welding.smaw');
      assert.deepEqual(Object.keys(smaw).sort(), ['code', 'kbji', 'label', 'synonyms', 'vocation']);
      assert.deepEqual(smaw.label, { id: 'Las Listrik SMAW', en: 'Shielded metal arc welding (SMAW)' });
      assert.ok(smaw.synonyms.includes('las listrik'));
      assert.equal(smaw.kbji, '7212');
      assert.equal(smaw.vocation, 'welding');
    });

    it('when q, vocation and limit are given, then the search is filtered and ranked', async () => {
      const { app } = await skillsApp();
      const res = await request(app)
        .get(`${BASE}/skills`)
        .query({ q: 'Las Listrik', vocation: 'welding', limit: '2' })
        .set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, 2);
      assert.equal(res.body[0].code, 'welding.smaw');
      assert.ok(res.body.every((s: { vocation: string }) => s.vocation === 'welding'));
    });

    it('when the vocation is unknown or the limit is out of range, then 400 names the query field', async () => {
      const { app } = await skillsApp();
      const badVocation = await request(app).get(`${BASE}/skills?vocation=astronaut`).set(user.auth);
      assert.equal(badVocation.status, 400);
      assert.equal(badVocation.body.error.code, 'validation_failed');
      assert.deepEqual(paths(badVocation.body), ['query.vocation']);
      assert.equal(badVocation.body.error.details[0].message, 'kejuruan tidak dikenal');
      assert.equal(badVocation.body.error.details[0].messageEn, 'unknown vocation');
      const badLimit = await request(app).get(`${BASE}/skills?limit=501`).set(user.auth);
      assert.equal(badLimit.status, 400);
      assert.deepEqual(paths(badLimit.body), ['query.limit']);
    });

    it('when no token is sent or the token is bad, then 401', async () => {
      const { app } = await skillsApp();
      const none = await request(app).get(`${BASE}/skills`);
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, 'unauthenticated');
      const bad = await request(app).get(`${BASE}/skills`).set('Authorization', 'Bearer not.a.token');
      assert.equal(bad.status, 401);
    });
  });

  describe('GET /skills/:code', () => {
    it('when the skill exists, then it comes back with the programmes that teach it', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/skills/welding.smaw`).set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.code, 'welding.smaw');
      assert.equal(res.body.label.id, 'Las Listrik SMAW');
      const programmeCodes = res.body.programmes.map(
        (m: { programme: { code: string } }) => m.programme.code,
      );
      const expected = PROGRAMMES.filter((p) => p.skills.includes('welding.smaw')).map((p) => p.code);
      assert.deepEqual([...programmeCodes].sort(), [...expected].sort());
      for (const m of res.body.programmes) {
        assert.deepEqual(m.covers, ['welding.smaw']);
        assert.equal(typeof m.programme.hours, 'number');
        assert.ok(m.programme.name.id && m.programme.name.en);
      }
    });

    it('when the code is written in capitals, then the skill is still found', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/skills/Welding.SMAW`).set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.code, 'welding.smaw');
    });

    it('when the skill does not exist, then 404 in both languages', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/skills/welding.nope`).set(user.auth);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not_found');
      assert.equal(res.body.error.message, 'Keahlian tidak ditemukan');
      assert.equal(res.body.error.messageEn, 'Skill not found');
    });

    it('when no token is sent, then 401', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/skills/welding.smaw`);
      assert.equal(res.status, 401);
    });
  });

  describe('GET /vocations', () => {
    it('when signed in, then every vocation comes back with its skill count', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/vocations`).set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, 17);
      const welding = res.body.find((v: { code: string }) => v.code === 'welding');
      assert.deepEqual(Object.keys(welding).sort(), ['code', 'label', 'skillCount', 'synonyms']);
      assert.equal(welding.skillCount, SKILLS.filter((s) => s.vocation === 'welding').length);
    });

    it('when no token is sent, then 401', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/vocations`);
      assert.equal(res.status, 401);
    });
  });

  describe('GET /programmes', () => {
    it('when skills are given as codes and names, then programmes are ranked by coverage', async () => {
      const { app } = await skillsApp();
      const res = await request(app)
        .get(`${BASE}/programmes`)
        .query({ skills: 'welding.smaw,K3 Pengelasan,gerinda' })
        .set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body[0].programme.code, 'blk.welding-smaw-basic');
      assert.deepEqual(res.body[0].covers, ['welding.smaw', 'welding.joint-preparation', 'welding.safety']);
    });

    it('when only a vocation is given, then its programmes come back with nothing covered', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/programmes?vocation=fisheries`).set(user.auth);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, PROGRAMMES.filter((p) => p.vocation === 'fisheries').length);
      for (const m of res.body) {
        assert.equal(m.programme.vocation, 'fisheries');
        assert.deepEqual(m.covers, []);
      }
    });

    it('when a skill is unknown, then 400 names the item under query.skills with suggestions', async () => {
      const { app } = await skillsApp();
      const res = await request(app)
        .get(`${BASE}/programmes`)
        .query({ skills: 'welding.smaw,las lisrik,welding.nope' })
        .set(user.auth);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.deepEqual(paths(res.body), ['query.skills.1.name', 'query.skills.2.code']);
      const detail = res.body.error.details[0];
      assert.equal(detail.code, 'unknown_skill');
      assert.equal(detail.suggestions[0].code, 'welding.smaw');
      assert.match(detail.message, /Mungkin maksud Anda: Las Listrik SMAW \(welding\.smaw\)/);
    });

    it('when the vocation is unknown, then 400 names query.vocation', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/programmes?vocation=astronaut`).set(user.auth);
      assert.equal(res.status, 400);
      assert.deepEqual(paths(res.body), ['query.vocation']);
    });

    it('when no token is sent, then 401', async () => {
      const { app } = await skillsApp();
      const res = await request(app).get(`${BASE}/programmes`);
      assert.equal(res.status, 401);
    });
  });

  describe('OpenAPI', () => {
    it('when the document is built, then the skills routes carry their query and response schemas', async () => {
      const { api } = await skillsApp();
      const doc = api.openapi({ title: 't', version: '0', serverUrl: 'http://x' }) as {
        paths: Record<
          string,
          Record<string, { parameters: { name: string }[]; responses: Record<string, unknown> }>
        >;
      };
      for (const p of ['/skills', '/skills/{code}', '/vocations', '/programmes'])
        assert.ok(doc.paths[p]?.get, p);
      const list = doc.paths['/skills']?.get;
      assert.deepEqual(list?.parameters.map((p) => p.name).sort(), ['limit', 'q', 'vocation']);
      const vocation = list?.parameters.find((p) => p.name === 'vocation');
      assert.match(JSON.stringify(vocation), /"welding"/);
      const ok = JSON.stringify(list?.responses['200']);
      assert.match(ok, /"kbji"/);
      assert.match(ok, /"synonyms"/);
      assert.match(JSON.stringify(doc.paths['/skills/{code}']?.get?.responses['200']), /"programmes"/);
    });
  });
});
