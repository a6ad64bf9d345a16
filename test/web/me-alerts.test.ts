import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type NewNotification, notificationRepository } from '../../server/notifications/repository.js';
import { uniq } from '../support/factories.js';
import { assertPageRules } from './me-page-checks.js';
import { buildPerson, signIn } from './me-support.js';

describe('web: a person’s alerts', () => {
  it('when the ledger holds messages to the person and to their officer, then the person sees only their own, in words', async () => {
    const { person, account, officer } = await buildPerson();
    const base = { candidateId: person.id, refDate: '2027-03-05', plannedAt: new Date() };
    const entry = (over: Partial<NewNotification>): NewNotification => ({
      key: uniq('k-'),
      batchKey: uniq('b-'),
      recipientType: 'candidate',
      recipientId: person.id,
      email: person.contact.email ?? 'x@test.bekalkerja.local',
      kind: 'candidate_alert',
      milestone: 'T0',
      ...base,
      ...over,
    });
    const [release, later, toOfficer] = await notificationRepository.insertNew([
      entry({ milestone: 'T0' }),
      entry({ milestone: 'T+14' }),
      entry({
        recipientType: 'user',
        recipientId: officer.user.id,
        email: officer.user.email,
        kind: 'officer_digest',
        milestone: 'T-30',
      }),
    ]);
    assert.ok(release && later && toOfficer);
    const sendId = randomUUID();
    await notificationRepository.claim([release.id], sendId, 'test', new Date());
    await notificationRepository.markSent(sendId, '<m@test>', new Date());
    await notificationRepository.cancel([later.id], 'pekerjaan berakhir (employment ended)');

    const agent = await signIn(account.user.email);
    const page = await agent.get('/app/me/alerts');
    assert.equal(page.status, 200);
    assertPageRules(page.text, 'alerts');
    assert.match(page.text, /2 pemberitahuan/);
    assert.match(page.text, /Lowongan yang cocok untuk Anda — hari Anda bebas/);
    assert.match(page.text, /14 hari setelah Anda bebas/);
    assert.match(page.text, />Terkirim</);
    assert.match(page.text, />Dibatalkan</);
    for (const hidden of ['30 hari sebelum', officer.user.email, 'pekerjaan berakhir'])
      assert.ok(!page.text.includes(hidden), `shows ${hidden}`);
    const en = await agent.get('/app/me/alerts?lng=en&sort=old');
    assert.match(en.text, /the day of your release/);
    assert.match(en.text, /<option value="old" selected>/);
  });
});
