import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Express, NextFunction, Request, Response, Router } from 'express';
import type { Config } from '../../config/index.js';
import type { Actor, RequestContext, Role } from '../auth/actor.js';
import { toAppError } from '../http/error-middleware.js';
import { AppError, type ErrorDetail } from '../http/errors.js';
import type { Logger } from '../infra/logger.js';
import { userRepository } from '../users/repository.js';
import { html, type SafeHtml } from './html.js';
import { type I18n, i18n, type Lang, parseLang } from './i18n.js';
import { sessionRepository } from './session-model.js';

export const SESSION_COOKIE = 'bk_sid';
export const CSRF_COOKIE = 'bk_csrf';
export const LANG_COOKIE = 'lng';
export const SESSION_TTL_MS = 12 * 3600_000;

/** Everything a screen needs about the request, without touching Express. */
export interface WebContext {
  actor: Actor | null;
  lang: Lang;
  i18n: I18n;
  t: I18n['t'];
  /** Token for the hidden `_csrf` field of every form (and the htmx header). */
  csrf: string;
  /** The current path with query, for Back links and redirects after login. */
  url: URL;
  query: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  params: Record<string, string>;
  ctx: RequestContext;
  /** True for htmx requests that want a fragment instead of a full page. */
  partial: boolean;
  config: Config;
}

export type WebResult =
  | { kind: 'page'; title: string; body: SafeHtml; status?: number }
  | { kind: 'fragment'; body: SafeHtml; status?: number }
  | { kind: 'redirect'; to: string; status?: number }
  | { kind: 'download'; filename: string; contentType: string; body: string | Buffer };

export const page = (title: string, body: SafeHtml, status?: number): WebResult => ({
  kind: 'page',
  title,
  body,
  status,
});
export const fragment = (body: SafeHtml, status?: number): WebResult => ({ kind: 'fragment', body, status });
export const redirect = (to: string, status = 303): WebResult => ({ kind: 'redirect', to, status });

export type Layout = (w: WebContext, title: string, body: SafeHtml) => SafeHtml;

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

function csrfToken(secret: string, cookie: string): string {
  return createHmac('sha256', secret).update(`csrf:${cookie}`).digest('base64url');
}

function cookieOptions(config: Config, maxAgeMs?: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.NODE_ENV === 'production',
    path: '/',
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  };
}

/** Resolves the signed-in user from the session cookie, re-reading the account every request. */
async function actorFromSession(sid: string | undefined): Promise<Actor | null> {
  if (!sid) return null;
  const s = await sessionRepository.find(sid);
  if (!s) return null;
  const u = await userRepository.findById(s.userId);
  if (!u || u.status !== 'active' || u.tokenVersion !== s.tokenVersion) return null;
  return {
    userId: u.id,
    role: u.role,
    email: u.email,
    name: u.name,
    facilityId: u.facilityId,
    employerId: u.employerId,
    candidateId: u.candidateId,
  };
}

export interface WebRouteOptions {
  /** Roles that may open the screen; 'public' for anyone; 'any' for any signed-in user. */
  roles: readonly Role[] | 'public' | 'any';
}

/**
 * The web UI's route builder. Every screen gets language, CSRF protection on writes, session sign-in
 * and role checks, and one error page; handlers return a page, a fragment, a redirect or a download.
 */
export class WebBuilder {
  constructor(
    readonly router: Router,
    private readonly config: Config,
    private readonly log: Logger,
    private readonly layout: Layout,
    private readonly now: () => Date,
  ) {}

  async context(req: Request, res: Response): Promise<WebContext> {
    const cookies = parseCookies(req.headers.cookie);
    const queryLang = parseLang(req.query.lng);
    const lang = queryLang ?? parseLang(cookies[LANG_COOKIE]) ?? 'id';
    if (queryLang && queryLang !== cookies[LANG_COOKIE])
      res.cookie(LANG_COOKIE, queryLang, {
        ...cookieOptions(this.config, 365 * 86_400_000),
        httpOnly: false,
      });
    let csrfCookie = cookies[CSRF_COOKIE];
    if (!csrfCookie || csrfCookie.length < 20) {
      csrfCookie = randomBytes(24).toString('base64url');
      res.cookie(CSRF_COOKIE, csrfCookie, cookieOptions(this.config));
    }
    const loc = i18n(lang);
    return {
      actor: await actorFromSession(cookies[SESSION_COOKIE]),
      lang,
      i18n: loc,
      t: loc.t,
      csrf: csrfToken(this.config.JWT_SECRET, csrfCookie),
      url: new URL(req.originalUrl, 'http://local'),
      query: req.query as WebContext['query'],
      body: (req.body ?? {}) as Record<string, unknown>,
      params: req.params as Record<string, string>,
      ctx: { requestId: String(req.id ?? ''), ip: req.ip ?? 'unknown', now: this.now() },
      partial: req.get('HX-Request') === 'true' && req.get('HX-History-Restore-Request') !== 'true',
      config: this.config,
    };
  }

  private checkCsrf(req: Request, w: WebContext): boolean {
    const sent = String(
      (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('X-CSRF-Token') ?? '',
    );
    const a = Buffer.from(sent);
    const b = Buffer.from(w.csrf);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  send(res: Response, w: WebContext, result: WebResult): void {
    res.set('Cache-Control', 'no-store');
    res.set('Vary', 'HX-Request, Cookie');
    switch (result.kind) {
      case 'redirect':
        if (w.partial) res.set('HX-Redirect', result.to).status(204).end();
        else res.redirect(result.status ?? 303, result.to);
        return;
      case 'download':
        res
          .set('Content-Type', result.contentType)
          .set('Content-Disposition', `attachment; filename="${result.filename}"`)
          .send(result.body);
        return;
      case 'fragment':
        res
          .status(result.status ?? 200)
          .type('html')
          .send(result.body.value);
        return;
      case 'page':
        res
          .status(result.status ?? 200)
          .type('html')
          .send(`<!doctype html>${this.layout(w, result.title, result.body).value}`);
        return;
    }
  }

  /** Renders an error as a page in the caller's language; 500s never show internals. */
  errorPage(res: Response, w: WebContext, err: unknown): void {
    const e = toAppError(err);
    if (e.status >= 500)
      this.log.error({ err: e.cause ?? err, requestId: w.ctx.requestId }, 'web request failed');
    const title =
      e.status === 404
        ? w.t('error.notFound')
        : e.status === 403
          ? w.t('error.forbidden')
          : e.status >= 500
            ? w.t('error.server')
            : w.lang === 'id'
              ? e.message
              : e.messageEn;
    this.send(
      res,
      w,
      page(title, html`<h1>${title}</h1><p><a href="/app">${w.t('nav.home')}</a></p>`, e.status),
    );
  }

  route(
    method: 'get' | 'post',
    path: string,
    opts: WebRouteOptions,
    handler: (w: WebContext) => Promise<WebResult>,
  ): void {
    this.router[method](path, async (req: Request, res: Response, next: NextFunction) => {
      let w: WebContext | null = null;
      try {
        w = await this.context(req, res);
        if (method === 'post' && !this.checkCsrf(req, w)) {
          this.send(res, w, page(w.t('error.csrf'), html`<h1>${w.t('error.csrf')}</h1>`, 403));
          return;
        }
        if (opts.roles !== 'public') {
          if (!w.actor) {
            this.send(res, w, redirect(`/login?next=${encodeURIComponent(w.url.pathname + w.url.search)}`));
            return;
          }
          if (opts.roles !== 'any' && !opts.roles.includes(w.actor.role))
            throw new AppError({
              code: 'forbidden',
              status: 403,
              message: 'forbidden',
              messageEn: 'forbidden',
            });
        }
        this.send(res, w, await handler(w));
      } catch (err) {
        if (!w) return next(err);
        this.errorPage(res, w, err);
      }
    });
  }

  get(path: string, opts: WebRouteOptions, handler: (w: WebContext) => Promise<WebResult>): void {
    this.route('get', path, opts, handler);
  }

  post(path: string, opts: WebRouteOptions, handler: (w: WebContext) => Promise<WebResult>): void {
    this.route('post', path, opts, handler);
  }

  /**
   * Unknown pages under the UI's own paths: the 404 page in the visitor's language (not the API's JSON
   * error). Registered after every screen.
   */
  notFoundPages(prefixes: string[]): void {
    const notFound = async (): Promise<WebResult> => {
      throw new AppError({
        code: 'route_not_found',
        status: 404,
        message: 'Halaman tidak ada',
        messageEn: 'Page not found',
      });
    };
    for (const prefix of prefixes) {
      this.get(prefix, { roles: 'public' }, notFound);
      this.get(`${prefix}/*rest`, { roles: 'public' }, notFound);
    }
  }

  /** Signs the browser in: a new session id (never reuse one from before login). */
  async signIn(res: Response, userId: string, tokenVersion: number, ip: string): Promise<void> {
    const sid = await sessionRepository.create(userId, tokenVersion, SESSION_TTL_MS, ip);
    res.cookie(SESSION_COOKIE, sid, cookieOptions(this.config, SESSION_TTL_MS));
  }

  async signOut(req: Request, res: Response): Promise<void> {
    const sid = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (sid) await sessionRepository.destroy(sid);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

/** Turns an API validation error into per-field messages for a form, in the page's language. */
export function fieldErrors(err: unknown, lang: Lang): Record<string, string> | null {
  if (!(err instanceof AppError) || err.status !== 400 || !err.details) return null;
  const out: Record<string, string> = {};
  for (const d of err.details as ErrorDetail[]) {
    const field = d.path.replace(/^(body|query|params)\./, '');
    out[field] ??= lang === 'id' ? d.message : (d.messageEn ?? d.message);
  }
  return out;
}

export type { Express };
