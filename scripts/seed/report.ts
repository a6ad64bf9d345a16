/** Plain-text tables the seed prints: what it wrote and the demo logins. */
import { type LoginRow, SEED_KINDS, type SeedKind, type SeedReport } from './run.js';

const LABELS: Record<SeedKind, string> = {
  facilities: 'fasilitas / facilities',
  employers: 'pemberi kerja / employers',
  vacancies: 'lowongan / vacancies',
  candidates: 'profil WBP / candidates',
  trainings: 'pelatihan / trainings',
  certifications: 'sertifikat / certifications',
  releases: 'pembebasan / releases',
  users: 'akun demo / demo users',
  placements: 'penempatan / placements',
};

/** What the run created and found, per kind, with the anchor day and the time taken. */
export function formatSummary(report: SeedReport): string {
  const width = Math.max(...Object.values(LABELS).map((l) => l.length));
  const lines = [
    `Data demo (hari acuan / anchor day ${report.anchorDay}, WITA) — ${(report.elapsedMs / 1000).toFixed(1)} s`,
    `  ${''.padEnd(width)}  dibuat/created  sudah ada/existing`,
    ...SEED_KINDS.map((k) => {
      const c = report.counts[k];
      return `  ${LABELS[k].padEnd(width)}  ${String(c.created).padStart(14)}  ${String(c.existing).padStart(18)}`;
    }),
    `  penempatan per status / placements by state: ${
      Object.entries(report.placementStates)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ') || '—'
    }`,
    ...report.skippedPlacements.map(
      (s) => `  penempatan dilewati / placement skipped: ${s.pair} — ${s.reason}`,
    ),
    `  waktu / time: ${report.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One login per role. `showPassword` decides per row whether the password may be printed (the
 * admin's only while it is the development default).
 */
export function formatLogins(rows: LoginRow[], showPassword: (row: LoginRow) => boolean): string {
  const roleWidth = Math.max(...rows.map((r) => r.role.length));
  const emailWidth = Math.max(...rows.map((r) => r.email.length));
  const pwdOf = (r: LoginRow) => (r.password && showPassword(r) ? r.password : '(ADMIN_PASSWORD)');
  const pwdWidth = Math.max(...rows.map((r) => pwdOf(r).length));
  const lines = [
    'Login demo / demo logins (hanya untuk pengembangan / development only):',
    ...rows.map((r) =>
      r.available
        ? `  ${r.role.padEnd(roleWidth)}  ${r.email.padEnd(emailWidth)}  ${pwdOf(r).padEnd(pwdWidth)}  ${r.scope}`
        : `  ${r.role.padEnd(roleWidth)}  ${r.email}  — ${r.scope}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
