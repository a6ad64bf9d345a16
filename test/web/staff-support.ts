import assert from 'node:assert/strict';
import { buildPlaces, buildUser, type Places, uniq } from '../support/factories.js';
import { signedInAgent } from './support.js';

/** A Lapas and a BLK of their own regency (so trainers' partner scope holds only this test's people). */
export async function staffWorld(): Promise<{
  places: Places;
  regency: string;
  staff: Awaited<ReturnType<typeof signedInAgent>>;
  trainer: Awaited<ReturnType<typeof signedInAgent>>;
}> {
  const regency = `Kab Staf ${uniq()}`;
  const places = await buildPlaces(regency);
  const [s, t] = await Promise.all([
    buildUser({ role: 'facility_staff', facilityId: places.lapas.id, name: 'Staf Giatja' }),
    buildUser({ role: 'trainer', facilityId: places.blk.id, name: 'Pelatih BLK' }),
  ]);
  const [staff, trainer] = await Promise.all([signedInAgent(s.user.email), signedInAgent(t.user.email)]);
  return { places, regency, staff, trainer };
}

/**
 * Structural checks every page of the area must pass: one h1, no duplicate ids, a label for every
 * visible field, a legend in every fieldset, a scope on every table header, no inline script or style.
 */
export function assertAccessiblePage(text: string, what: string): void {
  assert.equal((text.match(/<h1[\s>]/g) ?? []).length, 1, `${what}: exactly one h1`);
  const ids = [...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dup, [], `${what}: duplicate ids`);
  for (const m of text.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (/type="(hidden|submit)"/.test(attrs)) continue;
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1];
    const before = text.slice(0, m.index);
    const wrapped = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
    assert.ok(
      wrapped || (id !== undefined && text.includes(`for="${id}"`)),
      `${what}: field without a label: ${m[0].slice(0, 120)}`,
    );
  }
  assert.equal(
    (text.match(/<fieldset[\s>]/g) ?? []).length,
    (text.match(/<legend[\s>]/g) ?? []).length,
    `${what}: every fieldset has a legend`,
  );
  for (const m of text.matchAll(/<th\b([^>]*)>/g))
    assert.match(m[1]!, /scope="(col|row)"/, `${what}: th scope`);
  assert.ok(!/\sstyle="/.test(text), `${what}: no style attributes`);
  assert.ok(!/<script(?![^>]*\ssrc=)/.test(text), `${what}: no inline scripts`);
}

/** The location of a 303 response. */
export function location(res: { status: number; headers: Record<string, string> }): string {
  assert.equal(res.status, 303, 'expected a 303 redirect');
  return res.headers.location ?? '';
}
