/** The results of an alerts run: the printed table and the "Alerts" section of docs/benchmarks.md. */
import type { SweepResult } from '../../../server/notifications/sweep.js';
import { type Machine, markdownTable, memoryRow, printedTable, type Row } from '../report.js';
import { type CpuSnapshot, fmtDuration, type MemoryPeak } from '../stats.js';
import type { DatasetMeta, GenerationTimings } from './dataset.js';
import type { OursRound, RoundResult } from './throughput.js';

/** Goals from the issue. */
export const SWEEP_GOAL_MS = 60_000;
export const RATIO_GOAL = 0.5;

export interface AlertsResults {
  startedAt: Date;
  machine: Machine & { redis: string };
  dataset: DatasetMeta & { indexedCandidates: number; indexedVacancies: number };
  generation?: GenerationTimings;
  sweep: { ms: number; result: SweepResult; cpu: CpuSnapshot; load: number };
  delivery: {
    concurrency: number;
    poolSize: number;
    /** Average subject + text + HTML bytes of a message. */
    messageBytes: number;
    ours: OursRound[];
    raw: RoundResult[];
  };
  memory: MemoryPeak;
  durationMs: number;
  skipped: string[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perS = (n: number) => `${n.toFixed(1)} emails/s`;

/** Messages per second over every round of one side (total messages over total time). */
export function overallRate(rounds: readonly RoundResult[]): number {
  const ms = rounds.reduce((s, r) => s + r.ms, 0);
  return ms > 0 ? (rounds.reduce((s, r) => s + r.messages, 0) / ms) * 1000 : 0;
}

function rows(r: AlertsResults): Row[] {
  const out: Row[] = [];
  out.push({
    measure: `Release sweep, ${int(r.dataset.profiles)} profiles, 3 time zones`,
    ours: secs(r.sweep.ms),
    baseline: '',
    ratio: '',
    goal: `< ${SWEEP_GOAL_MS / 1000} s`,
    result: r.sweep.ms < SWEEP_GOAL_MS ? 'PASS' : 'FAIL',
  });
  const d = r.delivery;
  if (d.ours.length && d.raw.length) {
    const ours = overallRate(d.ours);
    const raw = overallRate(d.raw);
    const ratio = ours / raw;
    out.push({
      measure: `Emails/s, ${int(d.ours[0]!.messages)} messages (vs raw pooled nodemailer)`,
      ours: perS(ours),
      baseline: perS(raw),
      ratio: ratio.toFixed(2),
      goal: `≥ ${RATIO_GOAL}`,
      result: ratio >= RATIO_GOAL ? 'PASS' : 'FAIL',
    });
  }
  out.push(memoryRow(r.memory));
  return out;
}

function roundLines(r: AlertsResults): string[] {
  const all = [...r.delivery.ours, ...r.delivery.raw].sort((a, b) => a.order - b.order);
  return all.map(
    (x) =>
      `${x.side} #${x.round}: ${int(x.messages)} messages in ${secs(x.ms)} = ${perS(x.perSecond)} (load ${x.load.toFixed(1)}; CPU s node ${x.cpu.node.toFixed(1)}, mongod ${x.cpu.mongod?.toFixed(1) ?? 'n/a'}, meilisearch ${x.cpu.meilisearch?.toFixed(1) ?? 'n/a'})`,
  );
}

function planLine(s: SweepResult): string {
  const kinds = Object.entries(s.byKind)
    .map(([k, n]) => `${k} ${int(n)}`)
    .join(', ');
  const milestones = Object.entries(s.byMilestone)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${int(n)}`)
    .join(', ');
  return `${int(s.candidates)} people at a milestone; ${int(s.planned)} ledger entries (${kinds}; by milestone ${milestones}); ${int(s.batches)} delivery batches`;
}

/** The compact table printed at the end of a run. */
export function formatAlertsTable(r: AlertsResults): string {
  const table = rows(r);
  const m = r.machine;
  return [
    `Results — ${int(r.dataset.profiles)} profiles, ${int(r.dataset.milestonePeople)} placed at a milestone on ${r.dataset.asOf}, ${int(r.dataset.officers)} officers, ${int(r.dataset.vacancies)} vacancies, ${int(r.dataset.employers)} employers`,
    `sweep: ${planLine(r.sweep.result)}`,
    `delivery: mail worker concurrency ${r.delivery.concurrency}, SMTP pool ${r.delivery.poolSize}, average message ${int(r.delivery.messageBytes)} bytes`,
    ...roundLines(r),
    ...printedTable(table),
    ...r.skipped.map((s) => `(not measured: ${s})`),
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}, MongoDB ${m.mongodb}, Meilisearch ${m.meilisearch}, Redis ${m.redis}; load average ${m.load[0].toFixed(1)} at the start, ${m.load[1].toFixed(1)} at the end`,
    `total ${fmtDuration(r.durationMs)}`,
  ].join('\n');
}

/** The "Alerts" section of docs/benchmarks.md. */
export function alertsSection(r: AlertsResults): string {
  const m = r.machine;
  const d = r.dataset;
  const s = r.sweep.result;
  const lines = [
    '## Alerts',
    '',
    `Measured with \`npm run bench:alerts\` on ${r.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${fmtDuration(r.durationMs)}.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; Node.js ${m.node}, MongoDB ${m.mongodb}, Meilisearch ${m.meilisearch}, Redis ${m.redis}. The machine is shared: one-minute load average ${m.load[0].toFixed(1)} at the start, ${m.load[1].toFixed(1)} at the end.`,
    `- Data (generated, seeded, through \`bulkCreateCandidates\`, \`recordRelease\`, \`createUser\` and \`bulkCreateVacancies\`, then indexed by the workers): ${int(d.profiles)} profiles held in facilities of all three time zones, ${int(d.milestonePeople)} of them with a release date that puts them at a milestone on ${d.asOf} (T-90, T-30, T-7, T0, T+14, T+30 mixed, a tenth of them one or two days into the catch-up window), ${int(d.released)} releases recorded; ${int(d.officers)} officers (${d.officersPerBapas} per Bapas); ${int(d.vacancies)} vacancies (${int(d.indexedVacancies)} open) of ${int(d.employers)} employers.`,
    '',
    ...markdownTable(rows(r)),
    '',
    '### How each figure is measured',
    '',
    `- **Sweep**: \`runReleaseSweep\` for all three time zones with asOf ${d.asOf}, timed in-process: finding the people, planning every message (officer lookups; matching each person once, for the vacancies stored with their officers' and their own entries and for the employer notes of T-30 and T-7), inserting the ledger entries and queuing the delivery jobs (up to 25 recipient batches each). It planned: ${planLine(s)}. CPU used: node ${r.sweep.cpu.node.toFixed(0)} s, mongod ${r.sweep.cpu.mongod?.toFixed(0) ?? 'n/a'} s, Meilisearch ${r.sweep.cpu.meilisearch?.toFixed(0) ?? 'n/a'} s.`,
    `- **Emails/s**: N = ${int(r.delivery.ours[0]?.messages ?? 0)} messages, the emails the sweep's delivery batches produce (one per recipient and kind; average ${int(r.delivery.messageBytes)} bytes of subject, text and HTML). Ours: the queued \`notify.deliver\` jobs processed by real BullMQ workers in the benchmark process (\`startWorkers\`, concurrency ${r.delivery.concurrency}) through \`deliverBatches\` — read, re-check every entry and every stored vacancy against current records, compose, claim, send through the pooled mailer (pool ${r.delivery.poolSize}), record — timed from starting the workers, every job already waiting, until the sink holds every message. Later rounds put the ledger back to \`planned\` and queue the same batches again. Raw: the same pooled SMTP transport (\`createMailer\`, pool ${r.delivery.poolSize}) sending the very messages ours delivered, pre-rendered, all handed over at once, timed until the sink holds them. Both send to one SMTP sink of the benchmark's own (the project's sink on free ports, so other runs on the machine do not disturb the count). Rounds alternate ours, raw, raw, ours; the figures are total messages over total time per side. Every round of ours delivered each ledger key exactly once (checked from the messages' X-Bekal-Keys).`,
    ...roundLines(r).map((l) => `  - ${l}`),
    '- **Memory**: the benchmark process (workers, sweep and clients together; the sink runs apart) sampled every 100 ms.',
  ];
  if (r.generation) {
    const g = r.generation;
    lines.push(
      `- Generation took: facilities and employers ${fmtDuration(g.worldMs)}, officers ${fmtDuration(g.officersMs)}, vacancies ${fmtDuration(g.vacanciesMs)}, profiles ${fmtDuration(g.profilesMs)}, releases ${fmtDuration(g.releasesMs)}, indexing ${fmtDuration(g.indexMs)}.`,
    );
  }
  for (const x of r.skipped) lines.push(`- Not measured in this run: ${x}.`);
  return `${lines.join('\n')}\n`;
}
