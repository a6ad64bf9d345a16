import { z } from 'zod';
import { inviteUser } from '../../accounts/service.js';
import { ROLES, type Role } from '../../auth/actor.js';
import { candidateRepository } from '../../candidates/repository.js';
import type { Deps } from '../../deps.js';
import { facilityRepository } from '../../facilities/repository.js';
import { errors } from '../../http/errors.js';
import { bi, objectId, parseOrThrow } from '../../http/validate.js';
import { email } from '../../shared/schemas.js';
import { CreateUserBody } from '../../users/schemas.js';
import { createUser, listUsers } from '../../users/service.js';
import { csrfField, errorSummary, input, pager, q1, select } from '../components.js';
import { page, redirect, type WebBuilder, type WebContext, type WebResult } from '../framework.js';
import { html, type SafeHtml } from '../html.js';
import { defineMessages } from '../i18n.js';
import { type FormProblem, filterSelect, formProblem, pageNumber, problemNotice, text } from './shared.js';

defineMessages({
  'admin.users.title': { id: 'Pengguna', en: 'Users' },
  'admin.users.count': { id: '{n} pengguna', en: '{n} users' },
  'admin.users.order': { id: 'Urutan: menurut email.', en: 'Order: by email.' },
  'admin.users.none': { id: 'Tidak ada pengguna dengan filter ini.', en: 'No users with these filters.' },
  'admin.users.name': { id: 'Nama', en: 'Name' },
  'admin.users.email': { id: 'Email', en: 'Email' },
  'admin.users.role': { id: 'Peran', en: 'Role' },
  'admin.users.status': { id: 'Status', en: 'Status' },
  'admin.users.lastLogin': { id: 'Terakhir masuk', en: 'Last sign-in' },
  'admin.users.st.active': { id: 'Aktif', en: 'Active' },
  'admin.users.st.invited': { id: 'Diundang', en: 'Invited' },
  'admin.users.st.disabled': { id: 'Nonaktif', en: 'Disabled' },
  'admin.users.create': { id: 'Buat akun', en: 'Create an account' },
  'admin.users.createHint': {
    id: 'Untuk petugas, staf dan pelatih. Pemberi kerja dan WBP/klien sebaiknya diundang lewat email.',
    en: 'For officers, staff and trainers. Employers and people on release are better invited by email.',
  },
  'admin.users.password': { id: 'Kata sandi awal', en: 'Initial password' },
  'admin.users.passwordHint': { id: 'Minimal 10 karakter.', en: 'At least 10 characters.' },
  'admin.users.facility': { id: 'Kode fasilitas', en: 'Facility code' },
  'admin.users.facilityHint': {
    id: 'Untuk petugas (Bapas), staf (Lapas/Rutan/LPKA) dan pelatih (BLK); lihat daftar Fasilitas.',
    en: 'For officers (Bapas), staff (Lapas/Rutan/LPKA) and trainers (BLK); see Facilities.',
  },
  'admin.users.employer': { id: 'ID pemberi kerja', en: 'Employer id' },
  'admin.users.employerHint': {
    id: 'Hanya untuk pengguna pemberi kerja; lihat daftar Pemberi kerja.',
    en: 'Employer users only; see Employers.',
  },
  'admin.users.candidate': { id: 'Kode profil WBP/klien', en: 'Profile code' },
  'admin.users.candidateHint': {
    id: 'Hanya untuk WBP/klien: kode BK-… atau ID profil.',
    en: 'Inmates or clients only: the BK-… code or the profile id.',
  },
  'admin.users.created': { id: 'Akun dibuat.', en: 'Account created.' },
  'admin.invite.title': { id: 'Undang pengguna', en: 'Invite a user' },
  'admin.invite.intro': {
    id: 'Kami kirim email berisi tautan untuk membuat kata sandi. Tautan berlaku 7 hari dan hanya sekali pakai.',
    en: 'We email a link to set a password. The link is valid for 7 days and works once.',
  },
  'admin.invite.role': { id: 'Jenis akun', en: 'Account type' },
  'admin.invite.role.candidate': {
    id: 'Klien Bapas / orang yang sudah bebas',
    en: 'Client or released person',
  },
  'admin.invite.role.employer': { id: 'Pengguna pemberi kerja', en: 'Employer user' },
  'admin.invite.submit': { id: 'Kirim undangan', en: 'Send the invitation' },
  'admin.invite.sent': {
    id: 'Undangan terkirim. Penerima membuat kata sandi lewat tautan di email.',
    en: 'Invitation sent. The recipient sets a password with the emailed link.',
  },
});

const PAGE_SIZE = 25;
const INVITE_ROLES = ['candidate', 'employer'] as const;

/** The invitation form's fields, as the API's POST /invitations takes them. */
const InviteBody = z.object({
  email,
  name: z.string().trim().min(2).max(120),
  role: z.enum(INVITE_ROLES, { error: bi('pilih jenis akun', 'choose an account type') }),
  employerId: objectId.optional(),
  candidateId: objectId.optional(),
});

interface InviteValues {
  name: string;
  email: string;
  role: string;
  employerId: string;
  candidateRef: string;
}

interface UserValues extends InviteValues {
  facilityCode: string;
}

/** "BK-…" public codes and profile ids both name a profile; an unknown code is a field error. */
async function candidateIdOf(ref: string, path: string): Promise<string | undefined> {
  if (!ref) return undefined;
  if (!/^BK-/i.test(ref)) return ref;
  const c = await candidateRepository.findByPublicId(ref.toUpperCase());
  if (!c) throw errors.field(path, 'profil tidak dikenal', 'unknown profile');
  return c.id;
}

/** The invitation form; `prefix` keeps its ids apart from another form on the same page. */
function inviteForm(
  w: WebContext,
  action: string,
  v: InviteValues,
  problem: FormProblem | null,
  prefix: string,
): SafeHtml {
  const errs = problem?.fields ?? null;
  const labels = {
    [`${prefix}name`]: w.t('admin.users.name'),
    [`${prefix}email`]: w.t('admin.users.email'),
    [`${prefix}role`]: w.t('admin.invite.role'),
    [`${prefix}employerId`]: w.t('admin.users.employer'),
    [`${prefix}candidateRef`]: w.t('admin.users.candidate'),
  };
  return html`${problemNotice(problem)}<form method="post" action="${action}" novalidate>${csrfField(w)}
${errorSummary(w, errs, labels)}
<p class="hint">${w.t('admin.invite.intro')}</p>
${select(w, {
  name: `${prefix}role`,
  label: w.t('admin.invite.role'),
  value: v.role,
  options: INVITE_ROLES.map((r) => ({ value: r, label: w.t(`admin.invite.role.${r}`) })),
  errors: errs,
})}
${input(w, { name: `${prefix}name`, label: w.t('admin.users.name'), value: v.name, errors: errs, required: true, autocomplete: 'off' })}
${input(w, { name: `${prefix}email`, label: w.t('admin.users.email'), type: 'email', value: v.email, errors: errs, required: true, autocomplete: 'off' })}
${input(w, { name: `${prefix}candidateRef`, label: w.t('admin.users.candidate'), value: v.candidateRef, hint: w.t('admin.users.candidateHint'), errors: errs })}
${input(w, { name: `${prefix}employerId`, label: w.t('admin.users.employer'), value: v.employerId, hint: w.t('admin.users.employerHint'), errors: errs })}
<button type="submit">${w.t('admin.invite.submit')}</button></form>`;
}

function inviteValues(body: Record<string, unknown>, prefix: string): InviteValues {
  return {
    name: text(body, `${prefix}name`),
    email: text(body, `${prefix}email`),
    role: text(body, `${prefix}role`),
    employerId: text(body, `${prefix}employerId`),
    candidateRef: text(body, `${prefix}candidateRef`),
  };
}

/** Sends an invitation from the form; returns the form's problem, or null when it went out. */
async function sendInvite(
  w: WebContext,
  deps: Pick<Deps, 'outbox'>,
  v: InviteValues,
  prefix: string,
): Promise<FormProblem | null> {
  try {
    const body = parseOrThrow(
      InviteBody,
      {
        name: v.name,
        email: v.email,
        role: v.role || undefined,
        // Only the reference that belongs to the chosen kind of account is sent.
        employerId: v.role === 'employer' ? v.employerId || undefined : undefined,
        candidateId:
          v.role === 'candidate' ? await candidateIdOf(v.candidateRef, 'body.candidateId') : undefined,
      },
      'body',
    );
    await inviteUser(deps, w.actor!, body, w.ctx.now);
    return null;
  } catch (err) {
    const problem = formProblem(err, w.lang, { candidateId: 'candidateRef' }, prefix);
    if (!problem) throw err;
    return problem;
  }
}

async function usersPage(
  w: WebContext,
  create: { values: UserValues; problem: FormProblem | null } | null = null,
  invite: { values: InviteValues; problem: FormProblem | null } | null = null,
): Promise<WebResult> {
  const roleParam = q1(w, 'role');
  const role = (ROLES as readonly string[]).includes(roleParam ?? '') ? (roleParam as Role) : undefined;
  const pageNo = pageNumber(q1(w, 'page'));
  const res = await listUsers({ role, page: pageNo, limit: PAGE_SIZE });
  const roleOptions = ROLES.map((r) => ({ value: r, label: w.t(`admin.role.${r}`) }));
  const cv = create?.values ?? {
    name: '',
    email: '',
    role: '',
    employerId: '',
    candidateRef: '',
    facilityCode: '',
  };
  const cerrs = create?.problem?.fields ?? null;
  const labels = {
    name: w.t('admin.users.name'),
    email: w.t('admin.users.email'),
    password: w.t('admin.users.password'),
    role: w.t('admin.users.role'),
    facilityCode: w.t('admin.users.facility'),
    employerId: w.t('admin.users.employer'),
    candidateRef: w.t('admin.users.candidate'),
  };
  const done =
    q1(w, 'created') === '1' ? 'admin.users.created' : q1(w, 'invited') === '1' ? 'admin.invite.sent' : '';
  return page(
    w.t('admin.users.title'),
    html`<h1>${w.t('admin.users.title')}</h1>
${done && !create?.problem && !invite?.problem ? html`<p class="notice" role="status">${w.t(done)}</p>` : ''}
<form method="get" action="/app/admin/users" class="filters">
${filterSelect(w, 'role', w.t('admin.users.role'), roleOptions, role)}
<div><button type="submit">${w.t('form.apply')}</button> <a href="/app/admin/users">${w.t('form.clear')}</a></div>
</form>
<p><strong>${w.t('admin.users.count', { n: w.i18n.number(res.total) })}</strong> <span class="muted">${w.t('admin.users.order')}</span></p>
${
  res.items.length
    ? html`<table><thead><tr><th scope="col">${labels.name}</th><th scope="col">${labels.email}</th><th scope="col">${labels.role}</th><th scope="col">${w.t('admin.users.status')}</th><th scope="col">${w.t('admin.users.lastLogin')}</th></tr></thead><tbody>
${res.items.map((u) => html`<tr><th scope="row">${u.name}</th><td>${u.email}</td><td>${w.t(`admin.role.${u.role}`)}</td><td>${w.t(`admin.users.st.${u.status}`)}</td><td>${u.lastLoginAt ? w.i18n.day(new Date(u.lastLoginAt)) : '—'}</td></tr>`)}
</tbody></table>`
    : html`<p>${w.t('admin.users.none')}</p>`
}
${pager(w, res.page, PAGE_SIZE, res.total)}
<h2 id="invite">${w.t('admin.invite.title')}</h2>
${inviteForm(w, '/app/admin/users/invite', invite?.values ?? inviteValues({}, ''), invite?.problem ?? null, 'invite.')}
<h2 id="create">${w.t('admin.users.create')}</h2>
<p class="hint">${w.t('admin.users.createHint')}</p>
${problemNotice(create?.problem)}
<form method="post" action="/app/admin/users" novalidate>${csrfField(w)}
${errorSummary(w, cerrs, labels)}
${input(w, { name: 'name', label: labels.name, value: cv.name, errors: cerrs, required: true, autocomplete: 'off' })}
${input(w, { name: 'email', label: labels.email, type: 'email', value: cv.email, errors: cerrs, required: true, autocomplete: 'off' })}
${input(w, { name: 'password', label: labels.password, type: 'password', hint: w.t('admin.users.passwordHint'), errors: cerrs, required: true, autocomplete: 'new-password' })}
${select(w, { name: 'role', label: labels.role, value: cv.role, options: roleOptions, empty: '—', errors: cerrs })}
${input(w, { name: 'facilityCode', label: labels.facilityCode, value: cv.facilityCode, hint: w.t('admin.users.facilityHint'), errors: cerrs })}
${input(w, { name: 'employerId', label: labels.employerId, value: cv.employerId, hint: w.t('admin.users.employerHint'), errors: cerrs })}
${input(w, { name: 'candidateRef', label: labels.candidateRef, value: cv.candidateRef, hint: w.t('admin.users.candidateHint'), errors: cerrs })}
<button type="submit">${w.t('admin.users.create')}</button></form>`,
    create?.problem?.status ?? invite?.problem?.status ?? 200,
  );
}

/** Admins: the user list, account creation and invitations; officers (and admins): /app/invite. */
export function registerUserAdmin(web: WebBuilder, deps: Pick<Deps, 'outbox' | 'config'>): void {
  web.get('/app/admin/users', { roles: ['admin'] }, (w) => usersPage(w));

  web.post('/app/admin/users', { roles: ['admin'] }, async (w) => {
    const values: UserValues = {
      ...inviteValues(w.body, ''),
      facilityCode: text(w.body, 'facilityCode'),
    };
    try {
      let facilityId: string | undefined;
      if (values.facilityCode) {
        const f = await facilityRepository.findByCode(values.facilityCode);
        if (!f)
          throw errors.field('body.facilityId', 'kode fasilitas tidak dikenal', 'unknown facility code');
        facilityId = f.id;
      }
      const body = parseOrThrow(
        CreateUserBody,
        {
          name: values.name,
          email: values.email,
          password: String(w.body.password ?? ''),
          role: values.role || undefined,
          facilityId,
          employerId: values.employerId || undefined,
          candidateId: await candidateIdOf(values.candidateRef, 'body.candidateId'),
        },
        'body',
      );
      await createUser(deps.config, body);
    } catch (err) {
      const problem = formProblem(err, w.lang, { facilityId: 'facilityCode', candidateId: 'candidateRef' });
      if (!problem) throw err;
      return usersPage(w, { values, problem });
    }
    return redirect('/app/admin/users?created=1');
  });

  web.post('/app/admin/users/invite', { roles: ['admin'] }, async (w) => {
    const values = inviteValues(w.body, 'invite.');
    const problem = await sendInvite(w, deps, values, 'invite.');
    if (problem) return usersPage(w, null, { values, problem });
    return redirect('/app/admin/users?invited=1');
  });

  const invitePage = (w: WebContext, values: InviteValues, problem: FormProblem | null) =>
    page(
      w.t('admin.invite.title'),
      html`<h1>${w.t('admin.invite.title')}</h1>
${q1(w, 'invited') === '1' && !problem ? html`<p class="notice" role="status">${w.t('admin.invite.sent')}</p>` : ''}
${inviteForm(w, '/app/invite', values, problem, '')}`,
      problem?.status ?? 200,
    );

  web.get('/app/invite', { roles: ['officer', 'admin'] }, async (w) =>
    invitePage(
      w,
      {
        name: '',
        email: '',
        role: q1(w, 'role') === 'employer' ? 'employer' : 'candidate',
        employerId: q1(w, 'employerId')?.slice(0, 24) ?? '',
        candidateRef: q1(w, 'candidate')?.slice(0, 24) ?? '',
      },
      null,
    ),
  );

  web.post('/app/invite', { roles: ['officer', 'admin'] }, async (w) => {
    const values = inviteValues(w.body, '');
    const problem = await sendInvite(w, deps, values, '');
    if (problem) return invitePage(w, values, problem);
    return redirect('/app/invite?invited=1');
  });
}
