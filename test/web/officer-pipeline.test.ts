import assert from 'node:assert/strict';
import request from 'supertest';
import { PlacementModel } from '../../server/placements/model.js';
import { placementRepository } from '../../server/placements/repository.js';
import { createPlacement } from '../../server/placements/service.js';
import { testApp } from '../support/context.js';
import { buildPlaces, buildUser } from '../support/factories.js';
import {
  assertAccessiblePage,
  buildClient,
  buildIndexedVacancy,
  buildOfficerWorld,
  hrefs,
  type OfficerWorld,
} from './officer-support.js';
import { csrfOf, signedInAgent } from './support.js';

const DAY = 86_400_000;

async function proposedPlacement(world: OfficerWorld, overrides: Parameters<typeof buildClient>[1] = {}) {
  const client = await buildClient(world, overrides);
  const vacancy = await buildIndexedVacancy(world);
  const officer = world.officer.user;
  const p = await createPlacement(
    {
      userId: officer.id,
      role: 'officer',
      email: officer.email,
      name: officer.name,
      facilityId: officer.facilityId,
    },
    { candidateId: client.id, vacancyId: vacancy.id, note: 'Diusulkan untuk uji' },
    { now: new Date() },
  );
  return { client, vacancy, placementId: p.id };
}

const offeredMoves = (page: string) => [...page.matchAll(/name="to" value="([a-z_0-9]+)"/g)].map((m) => m[1]);

describe('web: officer placement pipeline', () => {
  it('when consent is missing, then introduced is not offered and a forged POST is refused with nothing changed; after consent and introduction the employer sees the name', async () => {
    const world = await buildOfficerWorld();
    const { client, placementId } = await proposedPlacement(world);
    const agent = await signedInAgent(world.officer.user.email);
    const detail = await agent.get(`/app/placements/${placementId}`);
    assert.equal(detail.status, 200);
    assertAccessiblePage(detail.text, 'placement detail');
    assert.ok(detail.text.includes(client.fullName));
    assert.deepEqual(offeredMoves(detail.text), ['candidate_consented', 'declined', 'withdrawn']);
    assert.match(detail.text, /setelah klien setuju/);
    assert.match(detail.text, /Diusulkan untuk uji/);

    const before = await placementRepository.findById(placementId);
    const forged = await agent
      .post(`/app/placements/${placementId}/transition`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text), to: 'introduced', note: 'paksa' });
    assert.equal(forged.status, 409);
    assert.match(forged.text, /role="alert"/);
    assert.match(forged.text, /Tidak bisa dari proposed ke introduced/);
    const unchanged = await placementRepository.findById(placementId);
    assert.equal(unchanged?.state, 'proposed');
    assert.equal(unchanged?.version, before?.version);
    assert.equal(unchanged?.timeline.length, before?.timeline.length);
    // The employer still sees no name.
    const app = await testApp();
    const hidden = await request(app).get(`/api/v1/placements/${placementId}`).set(world.boss.auth);
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body.identity, undefined);
    assert.ok(!JSON.stringify(hidden.body).includes(client.fullName));

    // Consent needs a note saying how it was given: a 400 keeps the choice and names the field.
    const noNote = await agent
      .post(`/app/placements/${placementId}/transition`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text), to: 'candidate_consented' });
    assert.equal(noNote.status, 400);
    assert.match(noNote.text, /class="error-summary"/);
    assert.match(noNote.text, /href="#f-note"/);
    assert.match(noNote.text, /value="candidate_consented" id="f-to" checked/);

    const consented = await agent
      .post(`/app/placements/${placementId}/transition`)
      .type('form')
      .send({
        _csrf: csrfOf(detail.text),
        to: 'candidate_consented',
        note: 'Setuju saat wajib lapor',
        internal: 'true',
      });
    assert.equal(consented.status, 303);
    assert.match(consented.headers.location ?? '', /moved=candidate_consented/);
    const next = await agent.get(consented.headers.location ?? '');
    assert.match(next.text, /role="status">Tahap diubah: Klien setuju/);
    assert.ok(offeredMoves(next.text).includes('introduced'));
    assert.match(next.text, /catatan internal/);

    const introduced = await agent
      .post(`/app/placements/${placementId}/transition`)
      .type('form')
      .send({ _csrf: csrfOf(next.text), to: 'introduced', note: 'Diperkenalkan ke HRD' });
    assert.equal(introduced.status, 303);
    const shown = await request(app).get(`/api/v1/placements/${placementId}`).set(world.boss.auth);
    assert.equal(shown.body.state, 'introduced');
    assert.equal(shown.body.identity?.fullName, client.fullName);
    // The internal note never reaches the employer.
    assert.ok(!JSON.stringify(shown.body).includes('Setuju saat wajib lapor'));
  });

  it('when a step comes back through htmx, then only the placement section is returned', async () => {
    const world = await buildOfficerWorld();
    const { placementId } = await proposedPlacement(world);
    const agent = await signedInAgent(world.officer.user.email);
    const detail = await agent.get(`/app/placements/${placementId}`);
    const res = await agent
      .post(`/app/placements/${placementId}/transition`)
      .set('HX-Request', 'true')
      .type('form')
      .send({ _csrf: csrfOf(detail.text), to: 'declined', reason: 'Klien memilih pelatihan lanjutan' });
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<html'));
    assert.match(res.text, /^<div id="placement-main">/);
    assert.match(res.text, /Tahap diubah: Ditolak/);
    assert.equal((await placementRepository.findById(placementId))?.state, 'declined');
  });

  it('when the client is hired, then the 30/90/180-day check-ins are listed with their due dates', async () => {
    const world = await buildOfficerWorld();
    const { placementId } = await proposedPlacement(world);
    const app = await testApp();
    const step = async (auth: Record<string, string>, to: string, note?: string) => {
      const res = await request(app)
        .post(`/api/v1/placements/${placementId}/transitions`)
        .set(auth)
        .send({ to, ...(note ? { note } : {}) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    await step(world.officer.auth, 'candidate_consented', 'Setuju lisan');
    await step(world.officer.auth, 'introduced');
    await step(world.boss.auth, 'interviewing');
    await step(world.boss.auth, 'offered');
    const agent = await signedInAgent(world.officer.user.email);
    const detail = await agent.get(`/app/placements/${placementId}`);
    assert.match(detail.text, /dijadwalkan setelah klien diterima bekerja/);
    assert.ok(offeredMoves(detail.text).includes('hired'));
    const hired = await agent
      .post(`/app/placements/${placementId}/transition`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text), to: 'hired', note: 'Mulai bekerja' });
    assert.equal(hired.status, 303);
    const after = await agent.get(`/app/placements/${placementId}`);
    const p = await placementRepository.findById(placementId);
    assert.ok(p?.hiredAt);
    for (const days of [30, 90, 180]) {
      assert.match(after.text, new RegExp(`<th scope="row">${days} hari</th>`));
      const due = new Intl.DateTimeFormat('id-ID', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(p.hiredAt.getTime() + days * DAY));
      assert.ok(after.text.includes(due), `due date of the ${days}-day check-in`);
    }
    assert.match(after.text, /Akan datang/);
    // A retention step is offered only from its day; until then the page says when.
    assert.deepEqual(offeredMoves(after.text), ['ended']);
    assert.match(after.text, /Cek retensi 30 hari dapat dicatat mulai/);
  });

  it('when the pipeline is filtered by stage, overdue and my clients, then the rows narrow accordingly', async () => {
    const world = await buildOfficerWorld();
    const mine = await proposedPlacement(world, { officerId: world.officer.user.id });
    const other = await proposedPlacement(world);
    // The other placement has had no step for three weeks.
    await PlacementModel.updateOne(
      { _id: other.placementId },
      { $set: { 'timeline.0.at': new Date(Date.now() - 21 * DAY) } },
    );
    const agent = await signedInAgent(world.officer.user.email);
    const all = await agent.get('/app/pipeline');
    assert.equal(all.status, 200);
    assertAccessiblePage(all.text, 'pipeline');
    assert.match(all.text, /2 penempatan/);
    assert.ok(all.text.includes(mine.client.fullName) && all.text.includes(other.client.fullName));
    // Newest step first by default.
    assert.ok(all.text.indexOf(mine.client.fullName) < all.text.indexOf(other.client.fullName));
    const oldest = await agent.get('/app/pipeline?sort=oldest');
    assert.ok(oldest.text.indexOf(other.client.fullName) < oldest.text.indexOf(mine.client.fullName));

    const myOnly = await agent.get('/app/pipeline?mine=1');
    assert.match(myOnly.text, /1 penempatan/);
    assert.ok(myOnly.text.includes(mine.client.fullName) && !myOnly.text.includes(other.client.fullName));
    const overdue = await agent.get('/app/pipeline?overdue=1');
    assert.match(overdue.text, /1 penempatan/);
    assert.ok(overdue.text.includes(other.client.fullName));
    assert.match(overdue.text, /Terlambat: tanpa langkah/);
    const introduced = await agent.get('/app/pipeline?stage=introduced');
    assert.match(introduced.text, /0 penempatan/);
    const partial = await agent.get('/app/pipeline?stage=proposed').set('HX-Request', 'true');
    assert.match(partial.text, /^<div id="results"/);

    // Rows open the placement with a Back link to the same filtered list.
    const link = hrefs(myOnly.text).find((h) => h.startsWith(`/app/placements/${mine.placementId}`));
    const detail = await agent.get(link ?? '');
    assert.ok(hrefs(detail.text).includes('/app/pipeline?mine=1'));

    // Another Bapas sees neither the rows nor the record.
    const elsewhere = await buildUser({ role: 'officer', facilityId: (await buildPlaces()).bapas.id });
    const stranger = await signedInAgent(elsewhere.user.email);
    const theirs = await stranger.get('/app/pipeline');
    assert.ok(!theirs.text.includes(mine.client.fullName));
    assert.equal((await stranger.get(`/app/placements/${mine.placementId}`)).status, 404);
    const forged = await stranger
      .post(`/app/placements/${mine.placementId}/transition`)
      .type('form')
      .send({ _csrf: csrfOf(theirs.text), to: 'declined', reason: 'bukan klien saya' });
    assert.equal(forged.status, 404);
    assert.equal((await placementRepository.findById(mine.placementId))?.state, 'proposed');
  });
});
