import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandCompact } from '../src/compact.js';

const compact = {
  members: ['core', 'a', 'b', 'loner'],
  parents: [-1, 0, 1, -1],
  depths: [0, 1, 2, 0],
  matched: [{ member: 2, indicators: ['op-1:payment'] }],
  resources: [
    { kind: 'PAYMENT_FINGERPRINT', value: 'pf_1', label: null, members: [0, 1, 2], outsideAccounts: 0 },
    { kind: 'ASN', value: '64500', label: 'Bench Hosting', members: [1, 3], outsideAccounts: 300 },
  ],
  links: [
    { rule: 'lockstep', from: [2], to: [1], weights: [0.75] },
    { rule: 'shared_payment', from: [1, 2], to: [0, 1], weights: [1, 0.5] },
  ],
};

test('members, parents, depths and matched indicators come back by id', () => {
  const g = expandCompact(compact);
  assert.deepEqual(g.members, [
    { id: 'core', parent: null, depth: 0, matchedIndicators: [] },
    { id: 'a', parent: 'core', depth: 1, matchedIndicators: [] },
    { id: 'b', parent: 'a', depth: 2, matchedIndicators: ['op-1:payment'] },
    { id: 'loner', parent: null, depth: 0, matchedIndicators: [] },
  ]);
});

test('resources list their users by id, with label and outsider count', () => {
  const g = expandCompact(compact);
  assert.deepEqual(g.resources[0], { kind: 'PAYMENT_FINGERPRINT', value: 'pf_1', label: null, members: ['core', 'a', 'b'], outsideAccounts: 0 });
  assert.deepEqual(g.resources[1].members, ['a', 'loner']);
  assert.equal(g.resources[1].outsideAccounts, 300);
});

test('every link of every rule comes back once, with its ends, rule and weight', () => {
  const g = expandCompact(compact);
  assert.deepEqual(g.links, [
    { from: 'b', to: 'a', rule: 'lockstep', weight: 0.75 },
    { from: 'a', to: 'core', rule: 'shared_payment', weight: 1 },
    { from: 'b', to: 'a', rule: 'shared_payment', weight: 0.5 },
  ]);
});

test('an empty graph stays empty', () => {
  assert.deepEqual(expandCompact({ members: [], parents: [], depths: [], matched: [], resources: [], links: [] }), { members: [], resources: [], links: [] });
});

test('an index outside the member list is an error, not a silent undefined', () => {
  assert.throws(() => expandCompact({ ...compact, links: [{ rule: 'x', from: [0], to: [9], weights: [1] }] }), RangeError);
  assert.throws(() => expandCompact({ ...compact, parents: [-1, 7, 1, -1] }), RangeError);
});

test('2,000 members in a chain and 20,000 memberships expand completely', () => {
  const n = 2000;
  const big = {
    members: Array.from({ length: n }, (_, i) => `m${i}`),
    parents: Array.from({ length: n }, (_, i) => i - 1),
    depths: Array.from({ length: n }, (_, i) => i),
    matched: [],
    resources: Array.from({ length: 10 }, (_, r) => ({ kind: 'IP', value: `10.0.0.${r}`, label: null, members: Array.from({ length: n }, (_, i) => i), outsideAccounts: 0 })),
    links: [{ rule: 'lockstep', from: Array.from({ length: n - 1 }, (_, i) => i + 1), to: Array.from({ length: n - 1 }, (_, i) => i), weights: Array(n - 1).fill(1) }],
  };
  const g = expandCompact(big);
  assert.equal(g.members.length, n);
  assert.equal(g.links.length, n - 1);
  assert.equal(g.members[n - 1].parent, `m${n - 2}`);
  assert.equal(g.resources.reduce((a, r) => a + r.members.length, 0), 10 * n);
});
