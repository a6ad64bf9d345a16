/** The results of a run: the printed table and the "Speed" section of docs/benchmarks.md. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../stack/stack.js';
import type { MatchComparison } from './match.js';
import type { SearchComparison } from './search.js';
import { type CpuSnapshot, fmtDuration, type MemoryPeak, mib } from './stats.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  mongodb: string;
  meilisearch: string;
  /** One-minute load average at the start and the end (the machine is shared). */
  load: [number, number];
}

export interface ImportResults {
  sample: number;
  /** Documents the sample put in the index (profiles shareable with employers). */
  docs: number;
  ours: { ms: number; writesMs: number; cpu: CpuSnapshot };
  raw: { ms: number; cpu: CpuSnapshot };
  /** The rest of the profiles through our path, for the full-size rate. */
  rest?: { written: number; ms: number; writesMs: number };
  vacancies: { written: number; ms: number };
}

export interface BenchResults {
  startedAt: Date;
  machine: Machine;
  data: {
    candidates: number;
    indexedCandidates: number;
    vacancies: number;
    indexedVacancies: number;
    employers: number;
  };
  import?: ImportResults;
  search?: SearchComparison;
  match?: MatchComparison;
  memory: MemoryPeak;
  durationMs: number;
  /** Phases not measured in this run, with the reason. */
  skipped: string[];
}

/** The machine as far as this process can see it. */
export function describeMachine(mongodb: string, meilisearch: string, loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    mongodb,
    meilisearch,
    load: [loadAtStart, os.loadavg()[0] ?? 0],
  };
}

/** One measure of a benchmark's results table. */
export interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal: string;
  result: 'PASS' | 'FAIL' | '';
}

const COLUMNS = ['measure', 'ours', 'baseline', 'ratio', 'goal', 'result'] as const;

/** The results as aligned plain-text lines (header first), for the end of a run. */
export function printedTable(table: Row[]): string[] {
  const header: Row = {
    measure: 'measure',
    ours: 'ours',
    baseline: 'baseline',
    ratio: 'ratio',
    goal: 'goal',
    result: '',
  };
  const width = Object.fromEntries(
    COLUMNS.map((k) => [k, Math.max(...[header, ...table].map((row) => row[k].length))]),
  );
  const line = (row: Row) =>
    COLUMNS.map((k) => row[k].padEnd(width[k] ?? 0))
      .join('  ')
      .trimEnd();
  return [header, ...table].map(line);
}

/** The results as a Markdown table. */
export function markdownTable(table: Row[]): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| Measure | Ours | Baseline | Ratio | Goal | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...table.map((row) => `| ${COLUMNS.map((k) => cell(row[k])).join(' | ')} |`),
  ];
}

/** Replaces (or appends) the `## <heading>` section of a Markdown file, leaving every other section as it is. */
export function writeSection(file: string, heading: string, section: string): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const rest = current.slice(start + 1);
    const end = rest.search(/^## /m);
    next =
      end === -1
        ? `${current.slice(0, start)}${section}`
        : `${current.slice(0, start)}${section}\n${rest.slice(end).trimStart()}`;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

const ms = (n: number) => (n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);
const rate = (docs: number, t: number) => `${Math.round((docs / t) * 1000).toLocaleString('en-US')} docs/s`;
const int = (n: number) => n.toLocaleString('en-US');

function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  if (r.search) {
    const s = r.search;
    for (const p of ['p50', 'p95'] as const) {
      const ratio = s.ours[p] / s.raw[p];
      out.push({
        measure: `Search API ${p} (vs raw Meilisearch)`,
        ours: ms(s.ours[p]),
        baseline: ms(s.raw[p]),
        ratio: ratio.toFixed(2),
        goal: '≤ 1.3',
        result: ratio <= 1.3 ? 'PASS' : 'FAIL',
      });
    }
  }
  if (r.match) {
    const m = r.match;
    for (const p of ['p50', 'p95'] as const) {
      const speedUp = m.baseline[p] / m.ours[p];
      out.push({
        measure: `Vacancy → top 20 ${p} (vs MongoDB $text)`,
        ours: ms(m.ours[p]),
        baseline: ms(m.baseline[p]),
        ratio: `${speedUp.toFixed(1)}× faster`,
        goal: '≥ 10×',
        result: speedUp >= 10 ? 'PASS' : 'FAIL',
      });
    }
  }
  if (r.import) {
    const i = r.import;
    const ratio = i.raw.ms / i.ours.ms;
    out.push({
      measure: `Bulk import, ${int(i.sample)} profiles (vs raw addDocuments)`,
      ours: rate(i.docs, i.ours.ms),
      baseline: rate(i.docs, i.raw.ms),
      ratio: ratio.toFixed(2),
      goal: '≥ 0.6',
      result: ratio >= 0.6 ? 'PASS' : 'FAIL',
    });
    if (i.rest) {
      out.push({
        measure: `Bulk import, remaining ${int(i.rest.written)} profiles`,
        ours: `${int(Math.round((i.rest.written / i.rest.ms) * 1000))} profiles/s`,
        baseline: '',
        ratio: '',
        goal: '',
        result: '',
      });
    }
    out.push({
      measure: `Bulk import, ${int(i.vacancies.written)} vacancies`,
      ours: `${int(Math.round((i.vacancies.written / i.vacancies.ms) * 1000))} vacancies/s`,
      baseline: '',
      ratio: '',
      goal: '',
      result: '',
    });
  }
  out.push(memoryRow(r.memory));
  return out;
}

/** The compact table printed at the end of a run. */
export function formatTable(r: BenchResults): string {
  const table = rows(r);
  const d = r.data;
  return [
    `Results — ${int(d.candidates)} profiles (${int(d.indexedCandidates)} in the index), ${int(d.vacancies)} vacancies (${int(d.indexedVacancies)} open), ${int(d.employers)} employers`,
    ...printedTable(table),
    ...r.skipped.map((s) => `(not measured: ${s})`),
    `total ${fmtDuration(r.durationMs)}`,
  ].join('\n');
}

/** The "Speed" section of docs/benchmarks.md. */
export function speedSection(r: BenchResults): string {
  const m = r.machine;
  const d = r.data;
  const table = rows(r);
  const lines = [
    '## Speed',
    '',
    `Measured with \`npm run bench:search\` on ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${fmtDuration(r.durationMs)}.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; Node.js ${m.node}, MongoDB ${m.mongodb}, Meilisearch ${m.meilisearch}. The machine is shared: one-minute load average ${m.load[0].toFixed(1)} at the start, ${m.load[1].toFixed(1)} at the end.`,
    `- Data (generated, seeded): ${int(d.candidates)} profiles, ${int(d.indexedCandidates)} of them in the search index (consent to sharing, adults); ${int(d.vacancies)} vacancies, ${int(d.indexedVacancies)} open; ${int(d.employers)} employers.`,
    '',
    ...markdownTable(table),
    '',
    '### How each figure is measured',
    '',
  ];
  if (r.search) {
    lines.push(
      `- **Search**: ${r.search.requests} fixed employer searches (words incl. synonyms such as "las" and "welder", typos, skill, trade, regency, province, certified, availableBefore, near + radius, pages 1–3), each sent to \`GET /api/v1/search/candidates\` of the real app (createApp on a loopback port, signed in as an employer, keep-alive connection) and, as the baseline, the very same engine request (recorded from the service in a first pass) posted to Meilisearch's \`/indexes/…/search\`. One warm-up pass per side, then ${r.search.samples} timed requests per side, the two sides alternating which goes first. Means: ours ${ms(r.search.ours.mean)}, raw ${ms(r.search.raw.mean)}. Requests whose hit count differed between the sides: ${r.search.totalMismatches}.`,
    );
  }
  if (r.match) {
    lines.push(
      `- **Matching**: ${r.match.vacancies} open vacancies spread over the data set (after warm-up on others). Ours is \`matchCandidatesForVacancy\` called in-process as the route calls it (index retrieval of up to 1,000 candidates, every hard rule on the MongoDB profile, scores and reasons). The baseline is a MongoDB \`$text\` search (text index over each profile's skill labels, synonyms and trade names) for the vacancy's title and skill labels, filtered on consent, status and release before start + 14 days, top 20 by text score, then those 20 profiles loaded. Both read the vacancy first; runs alternate. Average results returned: ours ${r.match.oursResults.toFixed(1)}, baseline ${r.match.baselineResults.toFixed(1)} (ours applies every hard rule, so it can return fewer).`,
    );
  }
  if (r.import) {
    const i = r.import;
    const cpu = (c: CpuSnapshot) =>
      `node ${c.node.toFixed(0)} s, mongod ${c.mongod?.toFixed(0) ?? 'n/a'} s, Meilisearch ${c.meilisearch?.toFixed(0) ?? 'n/a'} s`;
    lines.push(
      `- **Bulk import**: the first ${int(i.sample)} generated profiles through our write path — \`bulkCreateCandidates\` (validation, one transaction per 1,000 with audit entries and one outbox job) with the shared write hooks, BullMQ workers and the outbox relay running in the same process — timed until no profile is left marked dirty and the engine has no task left (${int(i.docs)} documents indexed; writes done after ${fmtDuration(i.ours.writesMs)}). The baseline adds the same ${int(i.docs)} documents, built with \`candidateDocument()\`, to an empty scratch index with the same settings by \`addDocuments\` in batches of 1,000, all queued at once, timed until the last task is done. Both rates count indexed documents. CPU used — ours: ${cpu(i.ours.cpu)}; raw: ${cpu(i.raw.cpu)} (servers' CPU includes whatever else ran on them meanwhile).${i.rest ? ` The remaining ${int(i.rest.written)} profiles then took ${fmtDuration(i.rest.ms)} through the same path (writes done after ${fmtDuration(i.rest.writesMs)}).` : ''} Vacancies: \`bulkCreateVacancies\` the same way, ${int(i.vacancies.written)} in ${fmtDuration(i.vacancies.ms)}.`,
    );
  }
  lines.push(
    '- **Memory**: the benchmark process (app, workers, import and clients together) sampled every 100 ms.',
  );
  for (const s of r.skipped) lines.push(`- Not measured in this run: ${s}.`);
  return `${lines.join('\n')}\n`;
}

/** Replaces (or adds) the "## Speed" section, leaving every other section as it is. */
/** The table row every benchmark ends with: the peak memory of its process. */
export function memoryRow(memory: MemoryPeak): Row {
  return {
    measure: 'Peak memory of the benchmark process',
    ours: `RSS ${mib(memory.rssBytes)}, heap ${mib(memory.heapUsedBytes)}`,
    baseline: '',
    ratio: '',
    goal: '',
    result: '',
  };
}

/** Writes a run's section of docs/benchmarks.md when `record`, and says which it did. */
export function recordSection(
  record: boolean,
  heading: string,
  section: string,
  log: (m: string) => void,
): void {
  if (record) {
    writeSection(path.join(PROJECT_ROOT, 'docs', 'benchmarks.md'), heading, section);
    log(`recorded in docs/benchmarks.md (section "${heading}")`);
  } else {
    log('docs/benchmarks.md not updated (scaled-down or --reuse run; pass --record to write it anyway)');
  }
}
