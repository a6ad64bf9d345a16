/**
 * Employer search through the whole API (HTTP, auth, validation, logging, presentation) against the
 * very same engine query sent straight to Meilisearch's HTTP search endpoint. The raw bodies are the
 * requests the service actually sent, recorded in a first pass, so both sides ask the engine the same.
 */
import type { AppDeps } from '../../server/app.js';
import { createApp } from '../../server/app.js';
import type { SearchEngine, SearchRequest } from '../../server/infra/search.js';
import { CANDIDATES_INDEX } from '../../server/search/documents.js';
import { SKILLS, VOCATIONS } from '../../server/skills/taxonomy.data.js';
import { httpRequest, keepAliveAgent, listen } from './http.js';
import { BENCH_REGENCIES } from './places.js';
import { rngFor } from './prng.js';
import { type LatencySummary, nowMs, summarise } from './stats.js';

/** Words employers type: trade names and their synonyms, skill jargon, English, and a few typos. */
const QUERY_WORDS = [
  'las',
  'welder',
  'tukang las',
  'smaw',
  'las listrik',
  'montir',
  'mekanik motor',
  'bengkel',
  'listrik',
  'electrician',
  'penjahit',
  'jahit',
  'koki',
  'masak',
  'tukang kayu',
  'mebel',
  'servis ac',
  'teknisi ac',
  'tukang batu',
  'cor beton',
  'keramik',
  'petani',
  'budidaya ikan',
  'nelayan',
  'pangkas rambut',
  'barber',
  'komputer',
  'microsoft excel',
  'gudang',
  'forklift',
  'sopir',
  'hotel',
  'housekeeping',
  'bubut',
  'weldr',
  'mekanic',
  'electrican',
] as const;

export interface SearchCase {
  /** Query string of GET /api/v1/search/candidates. */
  query: string;
}

/** The fixed mix of `n` employer searches: words, skills, trade, place, radius, dates and pages. */
export function searchMix(n: number, today: Date): SearchCase[] {
  const skillCodes = SKILLS.map((s) => s.code);
  const vocationCodes = VOCATIONS.map((v) => v.code);
  const synonyms = SKILLS.flatMap((s) => s.synonyms.slice(0, 2));
  return Array.from({ length: n }, (_, i) => {
    const rng = rngFor('search', i);
    const p = new URLSearchParams();
    if (rng.chance(0.7)) p.set('q', rng.chance(0.7) ? rng.pick(QUERY_WORDS) : rng.pick(synonyms));
    if (rng.chance(0.25)) {
      const n = rng.chance(0.8) ? 1 : 2;
      p.set('skills', Array.from({ length: n }, () => rng.pick(skillCodes.slice(0, 120))).join(','));
    }
    if (rng.chance(0.1)) p.set('vocation', rng.pick(vocationCodes));
    const region = rng.pick(BENCH_REGENCIES);
    if (rng.chance(0.25)) p.set('regency', region.name);
    else if (rng.chance(0.1)) p.set('province', region.province);
    if (rng.chance(0.1)) p.set('certified', rng.chance(0.5) ? 'true' : 'false');
    if (rng.chance(0.3)) {
      const d = new Date(today.getTime() + rng.int(0, 365) * 24 * 3600 * 1000);
      p.set('availableBefore', d.toISOString().slice(0, 10));
    }
    if (rng.chance(0.2)) {
      p.set('near', `${region.lat},${region.lng}`);
      p.set('radiusKm', String(rng.pick([10, 25, 50, 100])));
    }
    const page = rng.weighted([
      [1, 80],
      [2, 15],
      [3, 5],
    ]);
    if (page > 1) p.set('page', String(page));
    return { query: p.toString() };
  });
}

export interface SearchComparison {
  requests: number;
  samples: number;
  ours: LatencySummary;
  raw: LatencySummary;
  /** Requests whose total differed between the two sides (should be 0). */
  totalMismatches: number;
}

async function login(base: URL, email: string, password: string): Promise<string> {
  const agent = keepAliveAgent();
  try {
    const res = await httpRequest(agent, new URL('/api/v1/auth/login', base), {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login failed (${res.status}): ${res.body}`);
    return (JSON.parse(res.body) as { token: string }).token;
  } finally {
    agent.destroy();
  }
}

/**
 * Runs the comparison: record each case's engine request, warm both sides up, then time `rounds`
 * passes with the two sides alternating which goes first.
 */
export async function compareSearch(
  deps: AppDeps,
  cases: SearchCase[],
  login_: { email: string; password: string },
  rounds: number,
): Promise<SearchComparison> {
  // Pass 1, on its own app: which request does the service send to the engine for each case?
  let last: SearchRequest | null = null;
  const recorder: SearchEngine = {
    ...deps.search,
    search: (base, req) => {
      if (base === CANDIDATES_INDEX) last = req;
      return deps.search.search(base, req);
    },
  };
  const recording = await listen(createApp({ ...deps, search: recorder }));
  const token = await login(recording.base, login_.email, login_.password);
  const auth = { Authorization: `Bearer ${token}` };
  const engineRequests: { body: string }[] = [];
  const agentA = keepAliveAgent();
  try {
    for (const c of cases) {
      last = null;
      const res = await httpRequest(agentA, new URL(`/api/v1/search/candidates?${c.query}`, recording.base), {
        method: 'GET',
        headers: auth,
      });
      const sent = last as SearchRequest | null;
      if (res.status !== 200 || !sent)
        throw new Error(`search ${c.query} answered ${res.status}: ${res.body.slice(0, 300)}`);
      const { q, ...params } = sent;
      // What meilisearch-js posts for index.search(q, params).
      engineRequests.push({ body: JSON.stringify({ q: q ?? '', ...params }) });
    }
  } finally {
    agentA.destroy();
    await recording.close();
  }

  // The measured app is the plain one.
  const served = await listen(createApp(deps));
  const rawUrl = new URL(
    `/indexes/${encodeURIComponent(deps.search.indexName(CANDIDATES_INDEX))}/search`,
    deps.config.MEILI_URL,
  );
  const rawHeaders = { Authorization: `Bearer ${deps.config.MEILI_MASTER_KEY}` };
  const ours = keepAliveAgent();
  const raw = keepAliveAgent();
  const runOurs = async (c: SearchCase) => {
    const t0 = nowMs();
    const res = await httpRequest(ours, new URL(`/api/v1/search/candidates?${c.query}`, served.base), {
      method: 'GET',
      headers: auth,
    });
    const ms = nowMs() - t0;
    if (res.status !== 200) throw new Error(`search ${c.query} answered ${res.status}`);
    return { ms, body: res.body };
  };
  const runRaw = async (i: number) => {
    const t0 = nowMs();
    const res = await httpRequest(raw, rawUrl, {
      method: 'POST',
      headers: rawHeaders,
      body: engineRequests[i]!.body,
    });
    const ms = nowMs() - t0;
    if (res.status !== 200) throw new Error(`raw search ${engineRequests[i]!.body} answered ${res.status}`);
    return { ms, body: res.body };
  };
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  let totalMismatches = 0;
  try {
    // Warm-up: every case once on each side, checking both sides count the same hits.
    for (const [i, c] of cases.entries()) {
      const a = await runOurs(c);
      const b = await runRaw(i);
      const rawTotal = (JSON.parse(b.body) as { totalHits?: number; estimatedTotalHits?: number }).totalHits;
      if ((JSON.parse(a.body) as { total: number }).total !== rawTotal) totalMismatches++;
    }
    for (let round = 0; round < rounds; round++) {
      for (const [i, c] of cases.entries()) {
        if ((i + round) % 2 === 0) {
          oursMs.push((await runOurs(c)).ms);
          rawMs.push((await runRaw(i)).ms);
        } else {
          rawMs.push((await runRaw(i)).ms);
          oursMs.push((await runOurs(c)).ms);
        }
      }
    }
  } finally {
    ours.destroy();
    raw.destroy();
    await served.close();
  }
  return {
    requests: cases.length,
    samples: oursMs.length,
    ours: summarise(oursMs),
    raw: summarise(rawMs),
    totalMismatches,
  };
}
