import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import type { Config } from '../../config/index.js';
import { ensureBinary, MEILISEARCH, MONGOD } from './binaries.js';
import { StackError } from './errors.js';
import { hostPort, isLoopback, isPortOpen, waitFor } from './net.js';
import { type Spawned, spawnServer, tail, which } from './process.js';

export type ServiceName = 'mongodb' | 'meilisearch' | 'redis' | 'mailsink';
export type ProbeResult = 'ready' | 'absent' | 'foreign';

export interface StackContext {
  config: Config;
  log: (msg: string) => void;
  dataDir: string;
  cacheDir: string;
}

/** One server of the local stack: how to recognise it, and how to start it on its URL's port. */
export interface ServiceDef {
  name: ServiceName;
  display: string;
  host: string;
  port: number;
  /** True when the URL points at this machine, so the stack may start it. */
  local: boolean;
  probe(): Promise<ProbeResult>;
  start(ctx: StackContext): Promise<Spawned>;
  /** Runs after the server answers (started or reused): replica-set setup, policy checks. */
  prepare?(ctx: StackContext): Promise<void>;
  fixHint: string;
}

function exitedMessage(name: string, s: Spawned): () => string | null {
  return () => {
    const e = s.exited();
    if (!e) return null;
    return `${name} exited right after starting (code ${e.code}, signal ${e.signal}). Last log lines from
      ${s.logFile}: ${tail(s.logFile)}`;
  };
}

// ---------------------------------------------------------------- MongoDB

function replicaSetName(uri: string): string {
  return new URL(uri).searchParams.get('replicaSet') ?? 'rs0';
}

async function mongoHello(host: string, port: number): Promise<Record<string, unknown> | null> {
  const client = new mongoose.mongo.MongoClient(`mongodb://${host}:${port}/?directConnection=true`, {
    serverSelectionTimeoutMS: 1500,
    connectTimeoutMS: 1500,
  });
  try {
    await client.connect();
    return (await client.db('admin').command({ hello: 1 })) as Record<string, unknown>;
  } catch {
    return null;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export function mongoService(config: Config): ServiceDef {
  const { host, port } = hostPort(config.MONGODB_URI, 27017);
  const rs = replicaSetName(config.MONGODB_URI);
  const local = isLoopback(host) && !config.MONGODB_URI.startsWith('mongodb+srv');
  return {
    name: 'mongodb',
    display: `mongodb://${host}:${port} (replica set ${rs})`,
    host,
    port,
    local,
    fixHint: `stop whatever listens on port ${port} or set MONGODB_URI to another port`,
    async probe() {
      if (local && !(await isPortOpen(host, port))) return 'absent';
      return (await mongoHello(host, port)) ? 'ready' : local ? 'foreign' : 'absent';
    },
    async start(ctx) {
      const bin = await ensureBinary(MONGOD, ctx.cacheDir, ctx.log);
      const dbPath = path.join(ctx.dataDir, 'mongodb', String(port));
      fs.mkdirSync(dbPath, { recursive: true });
      const logFile = path.join(ctx.dataDir, 'logs', `mongod-${port}.log`);
      const s = spawnServer(
        bin,
        [
          '--port',
          String(port),
          '--bind_ip',
          '127.0.0.1',
          '--replSet',
          rs,
          '--dbpath',
          dbPath,
          '--wiredTigerCacheSizeGB',
          '0.5',
          '--setParameter',
          'diagnosticDataCollectionEnabled=false',
        ],
        logFile,
      );
      await waitFor(
        'mongod',
        async () => (await mongoHello(host, port)) !== null,
        90_000,
        `See ${logFile}. mongod needs OpenSSL 3 and libcurl4 (Debian 12: apt-get install libcurl4).`,
        exitedMessage('mongod', s),
      );
      return s;
    },
    async prepare(ctx) {
      const hello = await mongoHello(host, port);
      if (!hello) throw new StackError(`MongoDB at ${host}:${port} stopped answering.`);
      if (hello.setName) {
        if (hello.setName !== rs && local) {
          ctx.log(`mongodb: replica set is named ${String(hello.setName)}, MONGODB_URI expects ${rs}`);
        }
      } else if (local) {
        const client = new mongoose.mongo.MongoClient(`mongodb://${host}:${port}/?directConnection=true`, {
          serverSelectionTimeoutMS: 3000,
        });
        try {
          await client.connect();
          const admin = client.db('admin');
          const status = await admin.command({ replSetGetStatus: 1 }).catch((e: { code?: number }) => e);
          if ((status as { code?: number }).code === 94 /* NotYetInitialized */) {
            await admin.command({
              replSetInitiate: { _id: rs, members: [{ _id: 0, host: `${host}:${port}` }] },
            });
            ctx.log(`mongodb: initiated single-node replica set ${rs}`);
          } else if ((status as { code?: number }).code === 76 /* NoReplicationEnabled */) {
            ctx.log(
              `mongodb: the server on ${host}:${port} is not a replica set; transactions will fail. Restart it with --replSet ${rs}.`,
            );
            return;
          }
        } finally {
          await client.close();
        }
      }
      await waitFor(
        'MongoDB primary',
        async () => (await mongoHello(host, port))?.isWritablePrimary === true,
        60_000,
        'The replica set has no primary; see the mongod log.',
      );
    },
  };
}

// ---------------------------------------------------------------- Meilisearch

export function meiliService(config: Config): ServiceDef {
  const { host, port } = hostPort(config.MEILI_URL, 7700);
  const local = isLoopback(host);
  const base = config.MEILI_URL.replace(/\/$/, '');
  return {
    name: 'meilisearch',
    display: base,
    host,
    port,
    local,
    fixHint: `stop whatever listens on port ${port} or set MEILI_URL to another port`,
    async probe() {
      if (local && !(await isPortOpen(host, port))) return 'absent';
      try {
        const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1500) });
        const body = (await res.json()) as { status?: string };
        return body.status === 'available' ? 'ready' : 'foreign';
      } catch {
        return local ? 'foreign' : 'absent';
      }
    },
    async start(ctx) {
      const bin = await ensureBinary(MEILISEARCH, ctx.cacheDir, ctx.log);
      const dbPath = path.join(ctx.dataDir, 'meilisearch', String(port));
      fs.mkdirSync(dbPath, { recursive: true });
      const logFile = path.join(ctx.dataDir, 'logs', `meilisearch-${port}.log`);
      const s = spawnServer(
        bin,
        [
          '--http-addr',
          `${host}:${port}`,
          '--db-path',
          path.join(dbPath, 'data.ms'),
          '--dump-dir',
          path.join(dbPath, 'dumps'),
          '--snapshot-dir',
          path.join(dbPath, 'snapshots'),
          '--master-key',
          config.MEILI_MASTER_KEY,
          '--no-analytics',
          '--env',
          'development',
          '--log-level',
          'WARN',
        ],
        logFile,
        dbPath,
      );
      await waitFor(
        'Meilisearch',
        async () => {
          const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
          return res.ok;
        },
        60_000,
        `See ${logFile}.`,
        exitedMessage('meilisearch', s),
      );
      return s;
    },
    async prepare() {
      const res = await fetch(`${base}/version`, {
        headers: { Authorization: `Bearer ${config.MEILI_MASTER_KEY}` },
        signal: AbortSignal.timeout(3000),
      });
      if (res.status === 401 || res.status === 403) {
        throw new StackError(
          `Meilisearch at ${base} refuses MEILI_MASTER_KEY (HTTP ${res.status}). Fix: set MEILI_MASTER_KEY to the
          key that server was started with, or stop it so the stack starts its own.`,
        );
      }
    },
  };
}

// ---------------------------------------------------------------- Redis

function redisClient(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
}

async function redisPing(url: string): Promise<boolean> {
  const client = redisClient(url);
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch (err) {
    // A server that demands a password is still Redis.
    return /NOAUTH|WRONGPASS/.test((err as Error).message);
  } finally {
    client.disconnect();
  }
}

export function redisService(config: Config): ServiceDef {
  const { host, port } = hostPort(config.REDIS_URL, 6379);
  const local = isLoopback(host);
  return {
    name: 'redis',
    display: `redis://${host}:${port}`,
    host,
    port,
    local,
    fixHint: `stop whatever listens on port ${port} or set REDIS_URL to another port`,
    async probe() {
      if (local && !(await isPortOpen(host, port))) return 'absent';
      return (await redisPing(config.REDIS_URL)) ? 'ready' : local ? 'foreign' : 'absent';
    },
    async start(ctx) {
      let bin = which('redis-server');
      if (!bin) bin = await installRedis(ctx);
      const dir = path.join(ctx.dataDir, 'redis', String(port));
      fs.mkdirSync(dir, { recursive: true });
      const logFile = path.join(ctx.dataDir, 'logs', `redis-${port}.log`);
      const s = spawnServer(
        bin,
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
          '--dir',
          dir,
          '--daemonize',
          'no',
        ],
        logFile,
      );
      await waitFor(
        'Redis',
        () => redisPing(config.REDIS_URL),
        30_000,
        `See ${logFile}.`,
        exitedMessage('redis-server', s),
      );
      return s;
    },
    async prepare(ctx) {
      const client = redisClient(config.REDIS_URL);
      client.on('error', () => undefined);
      try {
        await client.connect();
        const res = (await client.config('GET', 'maxmemory-policy')) as string[];
        if (res[1] && res[1] !== 'noeviction') {
          ctx.log(
            `WARNING redis: maxmemory-policy is ${res[1]}; queues need noeviction or jobs can silently vanish (redis-cli config set maxmemory-policy noeviction).`,
          );
        }
      } catch {
        /* CONFIG may be disabled on managed Redis; nothing to check then. */
      } finally {
        client.disconnect();
      }
    },
  };
}

async function installRedis(ctx: StackContext): Promise<string> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new StackError(
      `Redis is needed but nothing answers at ${ctx.config.REDIS_URL} and redis-server is not on PATH. Fix:
      install Redis 7 (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), or set
      REDIS_URL to a running Redis.`,
    );
  }
  ctx.log('redis: redis-server not found; installing Debian package redis-server…');
  const { execFileSync } = await import('node:child_process');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const tryInstall = () =>
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
      stdio: 'ignore',
      env,
    });
  try {
    tryInstall();
  } catch {
    try {
      execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
      tryInstall();
    } catch (err) {
      throw new StackError(
        `Installing redis-server with apt-get failed (${(err as Error).message.split('\n')[0]}). Fix: install
        Redis 7 by hand or set REDIS_URL to a running Redis.`,
      );
    }
  }
  const bin = which('redis-server') ?? '/usr/bin/redis-server';
  if (!fs.existsSync(bin)) throw new StackError('redis-server was installed but cannot be found on PATH.');
  return bin;
}

// ---------------------------------------------------------------- SMTP sink

export function mailSinkService(config: Config, projectRoot: string): ServiceDef {
  const { host, port } = hostPort(config.SMTP_URL, 25);
  const httpPort = config.MAIL_SINK_HTTP_PORT;
  const local = isLoopback(host);
  const healthUrl = `http://127.0.0.1:${httpPort}/api/health`;
  const isSink = async () => {
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as { service?: string; smtpPort?: number };
      return body.service === 'bekal-mail-sink' && body.smtpPort === port;
    } catch {
      return false;
    }
  };
  return {
    name: 'mailsink',
    display: `smtp://${host}:${port} (messages at http://127.0.0.1:${httpPort}/api/messages)`,
    host,
    port,
    local,
    fixHint: `stop whatever listens on port ${port} or ${httpPort}, or set SMTP_URL / MAIL_SINK_HTTP_PORT`,
    async probe() {
      if (!local) return (await isPortOpen(host, port, 2000)) ? 'ready' : 'absent';
      const smtpOpen = await isPortOpen(host, port);
      const httpOpen = await isPortOpen('127.0.0.1', httpPort);
      if (!smtpOpen && !httpOpen) return 'absent';
      return (await isSink()) ? 'ready' : 'foreign';
    },
    async start(ctx) {
      const logFile = path.join(ctx.dataDir, 'logs', `mail-sink-${port}.log`);
      const s = spawnServer(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(projectRoot, 'scripts', 'mail-sink.ts'),
          '--smtp-port',
          String(port),
          '--http-port',
          String(httpPort),
        ],
        logFile,
        projectRoot,
      );
      await waitFor('mail sink', isSink, 30_000, `See ${logFile}.`, exitedMessage('mail sink', s));
      return s;
    },
  };
}
