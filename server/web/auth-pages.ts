import type { Request, Response } from 'express';
import { checkToken, requestPasswordReset, useToken } from '../accounts/service.js';
import { loginUser } from '../auth/service.js';
import type { Deps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { userRepository } from '../users/repository.js';
import { csrfField, errorSummary, input } from './components.js';
import { page, redirect, type WebBuilder, type WebContext } from './framework.js';
import { html } from './html.js';
import { defineMessages } from './i18n.js';
import { NAV } from './layout.js';

defineMessages({
  'forgot.title': { id: 'Lupa kata sandi', en: 'Forgot your password' },
  'forgot.intro': {
    id: 'Masukkan email akun Anda. Kami kirim tautan untuk membuat kata sandi baru.',
    en: 'Enter your account email. We will send a link to set a new password.',
  },
  'forgot.submit': { id: 'Kirim tautan', en: 'Send the link' },
  'forgot.sent': {
    id: 'Jika email itu terdaftar, tautan sudah kami kirim. Periksa kotak masuk Anda.',
    en: 'If that email has an account, the link is on its way. Check your inbox.',
  },
  'setpw.inviteTitle': { id: 'Buat kata sandi', en: 'Set your password' },
  'setpw.resetTitle': { id: 'Kata sandi baru', en: 'New password' },
  'setpw.password': { id: 'Kata sandi baru', en: 'New password' },
  'setpw.hint': { id: 'Minimal 10 karakter.', en: 'At least 10 characters.' },
  'setpw.confirm': { id: 'Ulangi kata sandi', en: 'Repeat the password' },
  'setpw.mismatch': { id: 'Kedua kata sandi tidak sama', en: 'The two passwords differ' },
  'setpw.invalid': {
    id: 'Tautan ini tidak berlaku lagi. Minta tautan baru kepada petugas atau lewat "Lupa kata sandi".',
    en: 'This link is no longer valid. Ask for a new one.',
  },
});

function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : '';
  return s.startsWith('/app') && !s.startsWith('//') ? s : '/app';
}

function loginForm(w: WebContext, email: string, error?: string) {
  const errors = error ? { email: error } : null;
  return page(
    w.t('login.title'),
    html`<h1>${w.t('login.title')}</h1>${errorSummary(w, errors)}
<form method="post" action="/login${w.url.search}" novalidate>${csrfField(w)}
${input(w, { name: 'email', label: w.t('login.email'), type: 'email', value: email, errors, autocomplete: 'username', required: true })}
${input(w, { name: 'password', label: w.t('login.password'), type: 'password', autocomplete: 'current-password', required: true })}
<button type="submit">${w.t('login.submit')}</button></form>
<p><a href="/forgot-password">${w.t('login.forgot')}</a></p>`,
    error ? 400 : 200,
  );
}

function setPasswordForm(
  w: WebContext,
  kind: 'invite' | 'reset',
  name: string,
  errors?: Record<string, string>,
) {
  const title = w.t(kind === 'invite' ? 'setpw.inviteTitle' : 'setpw.resetTitle');
  return page(
    title,
    html`<h1>${title}</h1><p>${name}</p>${errorSummary(w, errors)}
<form method="post" novalidate>${csrfField(w)}
${input(w, { name: 'password', label: w.t('setpw.password'), type: 'password', hint: w.t('setpw.hint'), errors, autocomplete: 'new-password', required: true })}
${input(w, { name: 'confirm', label: w.t('setpw.confirm'), type: 'password', errors, autocomplete: 'new-password', required: true })}
<button type="submit">${w.t('form.save')}</button></form>`,
    errors ? 400 : 200,
  );
}

/** Sign-in, sign-out, password reset and invitation pages. */
export function registerAuthPages(
  web: WebBuilder,
  deps: Pick<Deps, 'config' | 'limiter' | 'outbox' | 'clock'>,
): void {
  web.get('/', { roles: 'public' }, async () => redirect('/app'));
  web.get('/app', { roles: 'any' }, async (w) => redirect(NAV[w.actor!.role][0]!.href));
  web.get('/login', { roles: 'public' }, async (w) =>
    w.actor ? redirect(safeNext(w.query.next)) : loginForm(w, ''),
  );

  // Sign-in needs the response to set the session cookie, so it uses the router directly.
  web.router.post('/login', async (req: Request, res: Response) => {
    const w = await web.context(req, res);
    try {
      const sent = String((req.body as Record<string, unknown>)?._csrf ?? '');
      if (sent !== w.csrf)
        return web.send(res, w, page(w.t('error.csrf'), html`<h1>${w.t('error.csrf')}</h1>`, 403));
      const email = String(w.body.email ?? '').trim();
      const password = String(w.body.password ?? '');
      if (!email || !password) return web.send(res, w, loginForm(w, email, w.t('login.failed')));
      const result = await loginUser(
        { config: deps.config, limiter: deps.limiter },
        { email, password },
        w.ctx,
      );
      const user = await userRepository.findById(result.user.id);
      await web.signIn(res, result.user.id, user?.tokenVersion ?? 0, w.ctx.ip);
      web.send(res, w, redirect(safeNext(w.query.next)));
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 429)) {
        return web.send(
          res,
          w,
          loginForm(w, String(w.body.email ?? ''), w.lang === 'id' ? err.message : err.messageEn),
        );
      }
      web.errorPage(res, w, err);
    }
  });

  web.router.post('/logout', async (req: Request, res: Response) => {
    const w = await web.context(req, res);
    await web.signOut(req, res);
    web.send(res, w, redirect('/login'));
  });

  web.get('/forgot-password', { roles: 'public' }, async (w) =>
    page(
      w.t('forgot.title'),
      html`<h1>${w.t('forgot.title')}</h1><p>${w.t('forgot.intro')}</p><form method="post" novalidate>${csrfField(w)}
${input(w, { name: 'email', label: w.t('login.email'), type: 'email', autocomplete: 'email', required: true })}
<button type="submit">${w.t('forgot.submit')}</button></form>`,
    ),
  );
  web.post('/forgot-password', { roles: 'public' }, async (w) => {
    const email = String(w.body.email ?? '')
      .trim()
      .toLowerCase();
    if (/^[^@\s]+@[^@\s]+$/.test(email)) await requestPasswordReset(deps, email);
    return page(
      w.t('forgot.title'),
      html`<h1>${w.t('forgot.title')}</h1><p class="notice" role="status">${w.t('forgot.sent')}</p>`,
    );
  });

  for (const kind of ['invite', 'reset'] as const) {
    const path = kind === 'invite' ? '/invite/:token' : '/reset-password/:token';
    web.get(path, { roles: 'public' }, async (w) => {
      const user = await checkToken(String(w.params.token), kind, w.ctx.now);
      if (!user) return page(w.t('setpw.inviteTitle'), html`<h1>${w.t('setpw.invalid')}</h1>`, 410);
      return setPasswordForm(w, kind, user.name);
    });
    web.router.post(path, async (req: Request, res: Response) => {
      const w = await web.context(req, res);
      try {
        if (String((req.body as Record<string, unknown>)?._csrf ?? '') !== w.csrf) {
          return web.send(res, w, page(w.t('error.csrf'), html`<h1>${w.t('error.csrf')}</h1>`, 403));
        }
        const user = await checkToken(String(req.params.token), kind, w.ctx.now);
        if (!user)
          return web.send(
            res,
            w,
            page(w.t('setpw.inviteTitle'), html`<h1>${w.t('setpw.invalid')}</h1>`, 410),
          );
        const password = String(w.body.password ?? '');
        if (password.length < 10)
          return web.send(res, w, setPasswordForm(w, kind, user.name, { password: w.t('setpw.hint') }));
        if (password !== String(w.body.confirm ?? ''))
          return web.send(res, w, setPasswordForm(w, kind, user.name, { confirm: w.t('setpw.mismatch') }));
        const updated = await useToken(deps.config, String(req.params.token), kind, password, w.ctx.now);
        await web.signIn(res, updated.id, updated.tokenVersion, w.ctx.ip);
        web.send(res, w, redirect('/app'));
      } catch (err) {
        web.errorPage(res, w, err);
      }
    });
  }
}
