import type { FullCandidateView } from '../../candidates/presenter.js';
import { PatchCandidateBody } from '../../candidates/schemas.js';
import { exportCandidate, getCandidate, setConsent, updateCandidate } from '../../candidates/service.js';
import type { Deps } from '../../deps.js';
import { createWriteHooks } from '../../hooks.js';
import { errors } from '../../http/errors.js';
import { parseOrThrow } from '../../http/validate.js';
import { getPreferences, setPreferences } from '../../notifications/service.js';
import { isoDay } from '../../shared/schemas.js';
import { SECTOR_CODES } from '../../shared/sectors.js';
import { csrfField, errorSummary, type FieldErrors, fieldId, input, q1 } from '../components.js';
import {
  fieldErrors,
  page,
  redirect,
  type WebBuilder,
  type WebContext,
  type WebResult,
} from '../framework.js';
import { html, type SafeHtml, when } from '../html.js';
import { defineMessages } from '../i18n.js';
import { myCandidateId, sectorLabel } from './shared.js';

defineMessages({
  'me.data.title': { id: 'Data & persetujuan saya', en: 'My data & consent' },
  'me.data.name': { id: 'Nama', en: 'Name' },
  'me.data.publicId': { id: 'Kode profil', en: 'Profile code' },
  'me.data.publicIdHint': {
    id: 'Pemberi kerja hanya melihat kode ini, bukan nama Anda.',
    en: 'Employers see only this code, not your name.',
  },
  'me.data.saved.consent': { id: 'Persetujuan Anda tersimpan.', en: 'Your consent is saved.' },
  'me.data.saved.notifications': {
    id: 'Pilihan pemberitahuan tersimpan.',
    en: 'Your alert choices are saved.',
  },
  'me.data.saved.profile': {
    id: 'Kontak dan preferensi kerja tersimpan.',
    en: 'Contact details and work preferences saved.',
  },
  'me.consent.title': { id: 'Persetujuan', en: 'Consent' },
  'me.consent.share': {
    id: 'Pemberi kerja boleh menemukan profil anonim saya',
    en: 'Employers may find my anonymous profile',
  },
  'me.consent.shareHint': {
    id: 'Tanpa persetujuan ini, pemberi kerja tidak menemukan Anda dan petugas tidak dapat memperkenalkan Anda.',
    en: 'Without this, employers do not find you and your officer cannot introduce you.',
  },
  'me.consent.email': {
    id: 'Saya mau menerima email tentang lowongan dan pekerjaan',
    en: 'I want emails about vacancies and work',
  },
  'me.consent.save': { id: 'Simpan persetujuan', en: 'Save consent' },
  'me.consent.updated': { id: 'Terakhir diubah {date}.', en: 'Last changed {date}.' },
  'me.prefs.title': { id: 'Pemberitahuan email', en: 'Email alerts' },
  'me.prefs.candidate_alert': {
    id: 'Lowongan yang cocok saat saya bebas dan sesudahnya',
    en: 'Matching jobs on my release and afterwards',
  },
  'me.prefs.checkin_candidate': {
    id: 'Pertanyaan tentang kabar pekerjaan saya (30, 90 dan 180 hari)',
    en: 'Check-ins about my job (30, 90 and 180 days)',
  },
  'me.prefs.save': { id: 'Simpan pemberitahuan', en: 'Save alerts' },
  'me.profile.title': { id: 'Kontak dan preferensi kerja', en: 'Contact details and work preferences' },
  'me.profile.email': { id: 'Email untuk pemberitahuan', en: 'Email for alerts' },
  'me.profile.emailHint': {
    id: 'Boleh berbeda dari email untuk masuk. Kosongkan untuk menghapus.',
    en: 'May differ from your sign-in email. Leave empty to remove it.',
  },
  'me.profile.phone': { id: 'Nomor telepon', en: 'Phone number' },
  'me.profile.sectors': { id: 'Bidang kerja yang saya minati', en: 'Sectors I am interested in' },
  'me.profile.regencies': {
    id: 'Kabupaten/kota tempat saya ingin bekerja',
    en: 'Regencies where I want to work',
  },
  'me.profile.regenciesHint': {
    id: 'Pisahkan dengan koma, misalnya: Bone, Makassar',
    en: 'Separate with commas, for example: Bone, Makassar',
  },
  'me.profile.relocate': { id: 'Saya bersedia pindah tempat tinggal', en: 'I am willing to move' },
  'me.profile.nightShift': { id: 'Saya bersedia kerja shift malam', en: 'I am willing to work night shifts' },
  'me.profile.other': { id: 'Pilihan lain', en: 'Other choices' },
  'me.profile.save': { id: 'Simpan kontak dan preferensi', en: 'Save contact and preferences' },
  'me.profile.note': {
    id: 'Data lain (nama, keahlian, pelatihan, tanggal bebas) diubah oleh petugas. Minta kepada petugas Anda jika ada yang salah.',
    en: 'Other data (name, skills, training, release date) is changed by staff. Ask your officer if something is wrong.',
  },
  'me.export.title': { id: 'Unduh data saya', en: 'Download my data' },
  'me.export.text': {
    id: 'Satu berkas JSON berisi semua data pribadi yang disimpan Bekal Kerja tentang Anda, termasuk siapa yang pernah membukanya (UU PDP No. 27/2022).',
    en: 'One JSON file with all personal data Bekal Kerja keeps about you, including who has opened it (Law 27/2022).',
  },
  'me.export.link': { id: 'Unduh data saya (JSON)', en: 'Download my data (JSON)' },
  'me.employers.title': { id: 'Apa yang dilihat pemberi kerja', en: 'What employers see' },
  'me.employers.can': { id: 'Pemberi kerja dapat melihat:', en: 'Employers can see:' },
  'me.employers.can1': { id: 'kode profil Anda (bukan nama)', en: 'your profile code (not your name)' },
  'me.employers.can2': {
    id: 'kelompok usia dan kabupaten/kota tempat tinggal',
    en: 'your age group and home regency',
  },
  'me.employers.can3': {
    id: 'keahlian, pelatihan, sertifikat, pendidikan dan bahasa',
    en: 'skills, training, certificates, education and languages',
  },
  'me.employers.can4': { id: 'kapan Anda siap mulai bekerja', en: 'when you can start work' },
  'me.employers.cannot': { id: 'Pemberi kerja tidak pernah melihat:', en: 'Employers never see:' },
  'me.employers.cannot1': {
    id: 'perkara atau catatan hukum Anda, ketentuan pembebasan, dan catatan petugas',
    en: 'your offence or legal record, release conditions, or officers’ notes',
  },
  'me.employers.cannot2': {
    id: 'nama dan kontak Anda — kecuali setelah Anda setuju dan petugas Anda memperkenalkan Anda kepada pemberi kerja itu saja',
    en: 'your name and contact details — unless you agree and your officer introduces you, and then only to that employer',
  },
});

const PREF_KINDS = ['candidate_alert', 'checkin_candidate'] as const;

/** The profile fields this page shows. */
type MyProfile = Pick<FullCandidateView, 'publicId' | 'fullName' | 'contact' | 'preferences' | 'consent'>;

/** The person reads their own profile in full (the service's 'self' access). */
function isFull(view: Awaited<ReturnType<typeof getCandidate>>): view is FullCandidateView {
  return 'contact' in view && 'consent' in view && 'preferences' in view;
}

interface ProfileValues {
  email: string;
  phone: string;
  sectors: string[];
  regencies: string;
  willingToRelocate: boolean;
  nightShiftOk: boolean;
}

async function loadProfile(w: WebContext): Promise<MyProfile> {
  const view = await getCandidate(w.actor!, myCandidateId(w), w.ctx);
  // Anything less than the full profile means the account is not this person's.
  if (!isFull(view)) throw errors.notFound('Profil', 'Profile');
  return view;
}

function valuesOf(p: MyProfile): ProfileValues {
  return {
    email: p.contact.email ?? '',
    phone: p.contact.phone ?? '',
    sectors: p.preferences.sectors ?? [],
    regencies: (p.preferences.regencies ?? []).join(', '),
    willingToRelocate: p.preferences.willingToRelocate === true,
    nightShiftOk: p.preferences.nightShiftOk === true,
  };
}

function all(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function check(name: string, label: string, checked: boolean): SafeHtml {
  return html`<label><input type="checkbox" name="${name}" value="true"${when(checked, html` checked`)}> ${label}</label>`;
}

function profileForm(w: WebContext, v: ProfileValues, errs: FieldErrors | null): SafeHtml {
  const labels = {
    'contact.email': w.t('me.profile.email'),
    'contact.phone': w.t('me.profile.phone'),
    'preferences.sectors': w.t('me.profile.sectors'),
    'preferences.regencies': w.t('me.profile.regencies'),
  };
  return html`<form method="post" action="/app/me/profile" novalidate>${csrfField(w)}
${errorSummary(w, errs, labels)}
${input(w, { name: 'contact.email', label: labels['contact.email'], type: 'email', value: v.email, hint: w.t('me.profile.emailHint'), errors: errs, autocomplete: 'email' })}
${input(w, { name: 'contact.phone', label: labels['contact.phone'], type: 'tel', value: v.phone, errors: errs, autocomplete: 'tel' })}
<fieldset class="checks" id="${fieldId('preferences.sectors')}"><legend>${labels['preferences.sectors']}</legend>
${errs?.['preferences.sectors'] ? html`<span class="field-error">${errs['preferences.sectors']}</span>` : ''}
${SECTOR_CODES.map((s) => html`<label><input type="checkbox" name="preferences.sectors" value="${s}"${when(v.sectors.includes(s), html` checked`)}> ${sectorLabel(w, s)}</label>`)}
</fieldset>
${input(w, { name: 'preferences.regencies', label: labels['preferences.regencies'], value: v.regencies, hint: w.t('me.profile.regenciesHint'), errors: errs })}
<fieldset class="checks"><legend>${w.t('me.profile.other')}</legend>
${check('preferences.willingToRelocate', w.t('me.profile.relocate'), v.willingToRelocate)}
${check('preferences.nightShiftOk', w.t('me.profile.nightShift'), v.nightShiftOk)}
</fieldset>
<button type="submit">${w.t('me.profile.save')}</button></form>`;
}

async function dataPage(
  w: WebContext,
  profile: MyProfile,
  edit?: { values: ProfileValues; errors: FieldErrors | null },
): Promise<WebResult> {
  const prefs = await getPreferences(w.actor!);
  const saved = q1(w, 'saved');
  const savedKey =
    saved && ['consent', 'notifications', 'profile'].includes(saved) ? `me.data.saved.${saved}` : '';
  return page(
    w.t('me.data.title'),
    html`<h1>${w.t('me.data.title')}</h1>
${savedKey && !edit ? html`<p class="notice" role="status">${w.t(savedKey)}</p>` : ''}
<dl class="summary"><dt>${w.t('me.data.name')}</dt><dd>${profile.fullName}</dd>
<dt>${w.t('me.data.publicId')}</dt><dd>${profile.publicId} <span class="hint">${w.t('me.data.publicIdHint')}</span></dd></dl>

<h2 id="consent">${w.t('me.consent.title')}</h2>
<form method="post" action="/app/me/consent">${csrfField(w)}
<fieldset class="checks"><legend>${w.t('me.consent.title')}</legend>
${check('shareWithEmployers', w.t('me.consent.share'), profile.consent.shareWithEmployers)}
<span class="hint">${w.t('me.consent.shareHint')}</span>
${check('contactByEmail', w.t('me.consent.email'), profile.consent.contactByEmail)}
</fieldset>
${profile.consent.updatedAt ? html`<p class="hint">${w.t('me.consent.updated', { date: w.i18n.day(new Date(profile.consent.updatedAt)) })}</p>` : ''}
<button type="submit">${w.t('me.consent.save')}</button></form>

<h2 id="alerts">${w.t('me.prefs.title')}</h2>
<form method="post" action="/app/me/notifications">${csrfField(w)}
<fieldset class="checks"><legend>${w.t('me.prefs.title')}</legend>
${PREF_KINDS.map((k) => check(k, w.t(`me.prefs.${k}`), prefs[k] !== false))}
</fieldset>
<button type="submit">${w.t('me.prefs.save')}</button></form>

<h2 id="profile">${w.t('me.profile.title')}</h2>
<p class="hint">${w.t('me.profile.note')}</p>
${profileForm(w, edit?.values ?? valuesOf(profile), edit?.errors ?? null)}

<h2 id="export">${w.t('me.export.title')}</h2>
<p>${w.t('me.export.text')}</p>
<p><a class="button secondary" href="/app/me/export" download>${w.t('me.export.link')}</a></p>

<h2 id="employers">${w.t('me.employers.title')}</h2>
<p>${w.t('me.employers.can')}</p>
<ul><li>${w.t('me.employers.can1')}</li><li>${w.t('me.employers.can2')}</li><li>${w.t('me.employers.can3')}</li><li>${w.t('me.employers.can4')}</li></ul>
<p>${w.t('me.employers.cannot')}</p>
<ul><li>${w.t('me.employers.cannot1')}</li><li>${w.t('me.employers.cannot2')}</li></ul>`,
    edit?.errors ? 400 : 200,
  );
}

/** The person's data page: consent, email alerts, contact and preferences, export. */
export function registerMyData(web: WebBuilder, deps: Pick<Deps, 'outbox'>): void {
  const hooks = createWriteHooks(deps).candidates;

  web.get('/app/me', { roles: ['candidate'] }, async (w) => dataPage(w, await loadProfile(w)));

  web.post('/app/me/consent', { roles: ['candidate'] }, async (w) => {
    await setConsent(
      w.actor!,
      myCandidateId(w),
      {
        shareWithEmployers: w.body.shareWithEmployers === 'true',
        contactByEmail: w.body.contactByEmail === 'true',
      },
      w.ctx,
      hooks,
    );
    return redirect('/app/me?saved=consent');
  });

  web.post('/app/me/notifications', { roles: ['candidate'] }, async (w) => {
    myCandidateId(w);
    await setPreferences(w.actor!, Object.fromEntries(PREF_KINDS.map((k) => [k, w.body[k] === 'true'])));
    return redirect('/app/me?saved=notifications');
  });

  web.post('/app/me/profile', { roles: ['candidate'] }, async (w) => {
    const candidateId = myCandidateId(w);
    const values: ProfileValues = {
      email: String(w.body['contact.email'] ?? '').trim(),
      phone: String(w.body['contact.phone'] ?? '').trim(),
      sectors: all(w.body['preferences.sectors']),
      regencies: String(w.body['preferences.regencies'] ?? ''),
      willingToRelocate: w.body['preferences.willingToRelocate'] === 'true',
      nightShiftOk: w.body['preferences.nightShiftOk'] === 'true',
    };
    try {
      // Only contact and preferences: the same rule the service enforces for a person's own edits.
      const patch = parseOrThrow(
        PatchCandidateBody,
        {
          contact: { email: values.email || null, phone: values.phone || null },
          preferences: {
            sectors: values.sectors,
            regencies: values.regencies
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            willingToRelocate: values.willingToRelocate,
            nightShiftOk: values.nightShiftOk,
          },
        },
        'body',
      );
      await updateCandidate(w.actor!, candidateId, patch, w.ctx, hooks);
    } catch (err) {
      const errs = fieldErrors(err, w.lang);
      if (!errs) throw err;
      // "preferences.regencies.2" is reported on the one field that holds the list.
      const byField: FieldErrors = {};
      for (const [k, m] of Object.entries(errs)) byField[k.replace(/\.\d+$/, '')] ??= m;
      return dataPage(w, await loadProfile(w), { values, errors: byField });
    }
    return redirect('/app/me?saved=profile');
  });

  web.get('/app/me/export', { roles: ['candidate'] }, async (w) => {
    const data = await exportCandidate(w.actor!, myCandidateId(w), w.ctx, hooks);
    return {
      kind: 'download',
      filename: `bekal-kerja-data-saya-${isoDay(w.ctx.now)}.json`,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(data, null, 2),
    };
  });
}
