/**
 * A comparison key for a province or regency name, so "Kabupaten Bone", "Kab. Bone" and "bone"
 * match, and "Kota Makassar" matches "Makassar".
 */
export function regionKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/^\s*(kabupaten|kab|kota|provinsi|prov)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when two region names refer to the same place. */
export function sameRegion(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && regionKey(a) === regionKey(b);
}
