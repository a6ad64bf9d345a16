import assert from 'node:assert/strict';
import { memoByIds, memoByKey } from '../../server/shared/memo.js';

describe('run-scoped read memos', () => {
  it('when the same ids are asked for at once and again later, then each id is read once', async () => {
    const reads: string[][] = [];
    const load = memoByIds(async (ids: string[]) => {
      reads.push([...ids]);
      return ids.filter((id) => id !== 'gone').map((id) => ({ id, n: Number(id.slice(1)) }));
    });
    const [a, b] = await Promise.all([load(['v1', 'v2', 'gone']), load(['v2', 'v3'])]);
    assert.deepEqual(
      a.map((r) => r.id),
      ['v1', 'v2'],
      'found records, in the order asked; missing ones left out',
    );
    assert.deepEqual(
      b.map((r) => r.id),
      ['v2', 'v3'],
    );
    assert.deepEqual(reads, [['v1', 'v2', 'gone'], ['v3']], 'v2 shared the first read');
    await load(['v3', 'v1', 'gone']);
    assert.equal(reads.length, 2, 'known ids, found or not, are not read again');
  });

  it('when a read fails, then the failure is not remembered', async () => {
    let fail = true;
    let calls = 0;
    const load = memoByIds(async (ids: string[]) => {
      calls++;
      if (fail) throw new Error('down');
      return ids.map((id) => ({ id }));
    });
    await assert.rejects(load(['x']), /down/);
    fail = false;
    assert.deepEqual(await load(['x']), [{ id: 'x' }]);
    assert.equal(calls, 2);
  });

  it('when a key is asked for twice, then it is read once; a failed read is tried again', async () => {
    let calls = 0;
    const officers = memoByKey(async (bapas: string) => {
      calls++;
      if (calls === 1) throw new Error('down');
      return [`${bapas}-officer`];
    });
    await assert.rejects(officers('b1'), /down/);
    assert.deepEqual(await Promise.all([officers('b1'), officers('b1')]), [['b1-officer'], ['b1-officer']]);
    assert.equal(calls, 2);
  });
});
