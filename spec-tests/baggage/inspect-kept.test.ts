/**
 * `kept` on `inspectBaggage`: the members a propagator keeps (malformed ones dropped, limits
 * applied, values decoded) and the header it sends on for them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspectBaggage } from '../../src/index.js';

test('BG-20 malformed members are dropped; the others are kept, decoded, with their properties', () => {
  const r = inspectBaggage('user=alice%20smith;role=admin, bad key=1, k=v;, n=%E2%9C%93;p=%41');
  assert.not.ok(r.valid);
  assert.equal(r.kept.value, [
    { key: 'user', value: 'alice smith', properties: [{ key: 'role', value: 'admin' }] },
    { key: 'n', value: '✓', properties: [{ key: 'p', value: 'A' }] },
  ]);
  assert.is(r.kept.sends, 'user=alice%20smith;role=admin,n=%E2%9C%93;p=A');
});

test('BG-20 every member malformed: nothing kept, nothing sent', () => {
  assert.equal(inspectBaggage('bad key=1,=2,k').kept, { value: [], sends: undefined });
  assert.equal(inspectBaggage('').kept, { value: [], sends: undefined });
  assert.equal(inspectBaggage(42 as unknown as string).kept, { value: [], sends: undefined });
});

test('BG-16 BG-17 members over the limits are not kept; a member is never cut', () => {
  const many = Array.from({ length: 200 }, (_, i) => `k${i}=v`).join(',');
  const r = inspectBaggage(many);
  assert.is(r.kept.value?.length, 180);
  assert.is(r.kept.sends, Array.from({ length: 180 }, (_, i) => `k${i}=v`).join(','));
  const limited = inspectBaggage('a=1,b=22,c=3', { maxMemberBytes: 3 });
  assert.equal(
    limited.kept.value?.map((m) => m.key),
    ['a', 'c'],
  );
  assert.is(limited.kept.sends, 'a=1,c=3');
  assert.equal(inspectBaggage('a=1,b=2,c=3', { maxMembers: 2 }).kept.sends, 'a=1,b=2');
});

test('BG-2 BG-19 several lines are one list; duplicates kept in order, with a warning', () => {
  const r = inspectBaggage(['k=1', 'k=2,j=%25']);
  assert.ok(r.valid);
  assert.equal(
    r.warnings?.map((w) => w.rule),
    ['BG-22'],
  );
  assert.equal(
    r.kept.value?.map((m) => [m.key, m.value]),
    [
      ['k', '1'],
      ['k', '2'],
      ['j', '%'],
    ],
  );
  assert.is(r.kept.sends, 'k=1,k=2,j=%25');
});

test.run();
