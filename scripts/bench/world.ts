/**
 * The fixed records the benchmark data hangs on: facilities, employers and one employer login.
 * Created through the services like any other write; records already there (a `--reuse` run) are
 * found by natural key instead.
 */
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import type { Deps } from '../../server/deps.js';
import { employerRepository } from '../../server/employers/repository.js';
import { createEmployer } from '../../server/employers/service.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { createFacility } from '../../server/facilities/service.js';
import { userRepository } from '../../server/users/repository.js';
import { createUser } from '../../server/users/service.js';
import { benchEmployers, benchFacilities, type CandidateContext, type EmployerRef } from './generate.js';

/** The employer account the search benchmark signs in with (benchmark database only). */
export const BENCH_LOGIN = {
  email: 'employer@bench.bekalkerja.local',
  password: 'bench-employer-password',
} as const;

export interface BenchWorld {
  candidates: CandidateContext;
  employers: EmployerRef[];
  /** The employer the benchmark login belongs to. */
  loginEmployerId: string;
}

/** Creates (or finds) the facilities, `employerCount` employers and the employer login. */
export async function buildWorld(
  deps: Pick<Deps, 'config'>,
  employerCount: number,
  today: Date,
): Promise<BenchWorld> {
  const lapasByRegency = new Map<string, string[]>();
  const bapasByProvince = new Map<string, string>();
  for (const spec of benchFacilities()) {
    const existing = await facilityRepository.findByCode(spec.code);
    const id = existing?.id ?? (await createFacility(SYSTEM_ACTOR, spec)).id;
    if (spec.kind === 'bapas') bapasByProvince.set(spec.province, id);
    else lapasByRegency.set(spec.regency, [...(lapasByRegency.get(spec.regency) ?? []), id]);
  }

  const specs = benchEmployers(employerCount);
  const { items } = await employerRepository.list({}, 0, 100_000);
  const byName = new Map(items.map((e) => [e.name, e.id]));
  const employers: EmployerRef[] = [];
  for (const spec of specs) {
    const { vocation, ...input } = spec;
    const id = byName.get(spec.name) ?? (await createEmployer(SYSTEM_ACTOR, input, today)).id;
    employers.push({ id, regency: spec.regency, province: spec.province, location: spec.location, vocation });
  }
  const loginEmployerId = employers[0]!.id;
  if (!(await userRepository.findByEmail(BENCH_LOGIN.email))) {
    await createUser(deps.config, {
      email: BENCH_LOGIN.email,
      password: BENCH_LOGIN.password,
      name: 'Rekruter Benchmark',
      role: 'employer',
      employerId: loginEmployerId,
    });
  }
  return { candidates: { today, lapasByRegency, bapasByProvince }, employers, loginEmployerId };
}
