import type { Server } from 'node:http';
import { config } from '../config/index.js';
import { createApp } from './app.js';
import { bootstrapAdmin } from './auth/service.js';
import { createDeps } from './deps.js';
import { ensureSearchIndexesSoft } from './search/sync.js';

/** The API process: connect, create the first admin if needed, listen, and shut down cleanly. */
async function main(): Promise<void> {
  const deps = await createDeps(config, 'api');
  await bootstrapAdmin(config, deps.log);
  await ensureSearchIndexesSoft(deps.search, deps.log);
  const app = createApp(deps);
  const server: Server = app.listen(config.PORT, () => {
    deps.log.info({ port: config.PORT, url: config.PUBLIC_BASE_URL }, 'API listening');
  });
  server.keepAliveTimeout = 65_000;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    deps.log.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => {
      deps.log.warn('requests still open after 15 s; closing anyway');
      server.closeAllConnections();
    }, 15_000);
    force.unref();
    server.close(() => {
      void deps.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`API failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
