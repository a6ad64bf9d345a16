import fs from 'node:fs';
import path from 'node:path';

/** Small measuring helpers: percentiles, a high-resolution stopwatch and a memory high-water mark. */

/** The p-th percentile (0–100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

/** p50, p95 and mean of latency samples in milliseconds. */
export function summarise(samples: readonly number[]): LatencySummary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    mean: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length),
  };
}

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` and returns its result and how long it took in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = nowMs();
  const value = await fn();
  return { value, ms: nowMs() - t0 };
}

export interface MemoryPeak {
  rssBytes: number;
  heapUsedBytes: number;
}

/** Samples process memory every `intervalMs` and keeps the highest RSS and heap use seen. */
export function startMemorySampler(intervalMs = 100): { peak(): MemoryPeak; stop(): MemoryPeak } {
  const peak: MemoryPeak = { rssBytes: 0, heapUsedBytes: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peak.rssBytes) peak.rssBytes = m.rss;
    if (m.heapUsed > peak.heapUsedBytes) peak.heapUsedBytes = m.heapUsed;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    peak: () => ({ ...peak }),
    stop() {
      clearInterval(timer);
      sample();
      return { ...peak };
    },
  };
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const fmtMs = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
export const fmtRate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en-US')} docs/s`;
export const fmtDuration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

/** CPU seconds used so far by this process and, where /proc shows them, the database and engine servers. */
export interface CpuSnapshot {
  node: number;
  mongod: number | null;
  meilisearch: number | null;
}

function serverPid(name: string): number | null {
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (path.basename(cmd).startsWith(name)) return Number(entry);
    }
  } catch {
    /* no /proc: not Linux */
  }
  return null;
}

function procCpuSeconds(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Reads the CPU counters; compare two snapshots with cpuSince. */
export function cpuSnapshot(): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    node: (u.user + u.system) / 1e6,
    mongod: procCpuSeconds(serverPid('mongod')),
    meilisearch: procCpuSeconds(serverPid('meilisearch')),
  };
}

/** CPU seconds each process used between `from` and now. */
export function cpuSince(from: CpuSnapshot): CpuSnapshot {
  const to = cpuSnapshot();
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  return {
    node: to.node - from.node,
    mongod: diff(from.mongod, to.mongod),
    meilisearch: diff(from.meilisearch, to.meilisearch),
  };
}

export const fmtCpu = (c: CpuSnapshot) =>
  `CPU s: node ${c.node.toFixed(1)}, mongod ${c.mongod?.toFixed(1) ?? 'n/a'}, meilisearch ${c.meilisearch?.toFixed(1) ?? 'n/a'}`;
