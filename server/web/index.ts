import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, Router } from 'express';
import type { Deps } from '../deps.js';
import { registerAuthPages } from './auth-pages.js';
import { WebBuilder } from './framework.js';
import { layout } from './layout.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..', here.includes(`${path.sep}dist${path.sep}`) ? '..' : '');

/** A screen module adds its routes to the web builder. */
export type ScreenModule = (web: WebBuilder, deps: Omit<Deps, 'close'>) => void;

/**
 * The server-rendered web UI: same services as the API (same rules, same audit), plain HTML forms that
 * work without JavaScript, htmx served from our own origin for in-place updates.
 */
export function registerWeb(app: Express, deps: Omit<Deps, 'close'>, screens: ScreenModule[]): void {
  const staticOpts = {
    maxAge: deps.config.NODE_ENV === 'production' ? '365d' : 0,
    immutable: deps.config.NODE_ENV === 'production',
  };
  app.use('/static', express.static(path.join(projectRoot, 'server', 'web', 'static'), staticOpts));
  app.get('/static/htmx.min.js', (_req, res) => {
    res.sendFile(path.join(projectRoot, 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'), {
      maxAge: staticOpts.maxAge,
      immutable: staticOpts.immutable,
    });
  });
  const router = Router();
  const web = new WebBuilder(router, deps.config, deps.log, layout, () => deps.clock.now());
  registerAuthPages(web, deps);
  for (const screen of screens) screen(web, deps);
  web.notFoundPages(['/app']);
  app.use(router);
}
