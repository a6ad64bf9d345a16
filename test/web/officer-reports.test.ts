import assert from 'node:assert/strict';
import { createPlacement } from '../../server/placements/service.js';
import { buildUser, buildVacancy } from '../support/factories.js';
import { assertAccessiblePage, buildClient, buildOfficerWorld, hrefs } from './officer-support.js';
import { signedInAgent } from './support.js';

describe('web: officer reports', () => {
  it('when an officer opens the reports, then stage counts are a captioned table chart with CSV downloads', async () => {
    const world = await buildOfficerWorld();
    const officer = world.officer.user;
    const actor = {
      userId: officer.id,
      role: 'officer' as const,
      email: officer.email,
      name: officer.name,
      facilityId: officer.facilityId,
    };
    for (const title of ['Juru Las A', 'Juru Las B', 'Juru Las C']) {
      const client = await buildClient(world);
      const vacancy = await buildVacancy(world.employer.id, {
        title,
        location: { province: 'Sulawesi Selatan', regency: world.regency, lat: -4.54, lng: 120.33 },
      });
      await createPlacement(actor, { candidateId: client.id, vacancyId: vacancy.id }, { now: new Date() });
    }
    const agent = await signedInAgent(officer.email);
    const res = await agent.get('/app/reports');
    assert.equal(res.status, 200, res.text.slice(0, 400));
    assertAccessiblePage(res.text, 'reports');
    const chart = /<table class="chart"><caption>[^<]+<\/caption>[\s\S]*?<\/table>/.exec(res.text)?.[0];
    assert.ok(chart, 'a captioned table chart');
    assert.match(
      chart,
      /<th scope="row">Diusulkan<\/th><td>3<\/td><td>100%<\/td><td class="bar-cell"><span class="bar w-100" aria-hidden="true"><\/span>/,
    );
    assert.match(
      chart,
      /<th scope="row">Diterima bekerja<\/th><td>0<\/td><td>0%<\/td><td class="bar-cell"><\/td>/,
    );
    assert.match(res.text, /Penempatan<\/dt><dd>3<\/dd>/);
    assert.match(res.text, /Kesenjangan keahlian/);
    // The skills gap defaults to the officer's own regency.
    assert.ok(res.text.includes(`value="${world.regency}"`));

    const links = hrefs(res.text);
    const placementsCsv = links.find((h) => h.startsWith('/app/reports/placements.csv'));
    const gapCsv = links.find((h) => h.startsWith('/app/reports/skills-gap.csv'));
    assert.ok(placementsCsv && gapCsv, 'CSV links');
    const csv = await agent.get(placementsCsv);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="laporan-penempatan_/);
    assert.match(csv.text, /^section,key,label/);
    assert.match(csv.text, /\r\nstate,proposed,[^,\r\n]*,[^,\r\n]*,3,/);
    const gap = await agent.get(gapCsv);
    assert.equal(gap.status, 200);
    assert.match(gap.text, /^code,label,labelEn/);

    // A date range is kept in the form and in the CSV link; an inverted range is a form error.
    const ranged = await agent.get('/app/reports?from=2020-01-01&to=2020-01-31');
    assert.match(ranged.text, /value="2020-01-01"/);
    assert.ok(
      hrefs(ranged.text).some((h) => h === '/app/reports/placements.csv?from=2020-01-01&to=2020-01-31'),
    );
    assert.match(ranged.text, /<th scope="row">Diusulkan<\/th><td>0<\/td>/);
    const inverted = await agent.get('/app/reports?from=2020-02-01&to=2020-01-01');
    assert.equal(inverted.status, 400);
    assert.match(inverted.text, /href="#f-from"/);

    // Employers do not get the reports.
    const boss = await signedInAgent(world.boss.user.email);
    assert.equal((await boss.get('/app/reports')).status, 403);
    const admin = await buildUser({ role: 'admin' });
    assert.equal((await (await signedInAgent(admin.user.email)).get('/app/reports')).status, 200);
  });
});
