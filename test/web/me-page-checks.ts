import assert from 'node:assert/strict';

/**
 * The page rules of docs/ui.md that markup alone can show: one h1, a label for every field, header
 * cells with a scope, no duplicate ids, and nothing the Content-Security-Policy would block.
 */
export function assertPageRules(text: string, what: string): void {
  assert.equal((text.match(/<h1[\s>]/g) ?? []).length, 1, `${what}: exactly one h1`);
  const ids = [...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, [], `${what}: duplicate ids`);
  for (const th of text.match(/<th\b[^>]*>/g) ?? [])
    assert.match(th, /\sscope="(col|row)"/, `${what}: ${th}`);
  assert.ok(!/\sstyle="/.test(text), `${what}: no style attributes`);
  assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(text), `${what}: no inline scripts`);
  // A control wrapped in its label is labelled; any other needs <label for="its id">.
  const outside = text.replace(/<label\b(?![^>]*\sfor=)[^>]*>[\s\S]*?<\/label>/g, '');
  for (const m of outside.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2] ?? '';
    if (/\stype="(hidden|submit|button)"/.test(attrs)) continue;
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1];
    assert.ok(id, `${what}: a field without an id or wrapping label: ${m[0]}`);
    assert.ok(text.includes(`<label for="${id}"`), `${what}: no label for #${id}`);
  }
}
