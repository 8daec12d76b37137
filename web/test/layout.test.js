import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCrews, isCrewTie, layoutCluster, crewRadius, resourceKey, hubSize } from '../src/layout.js';

// Two crews of a campaign (each on its own card and IP) sharing one template, plus a loner who shares only the template.
function campaign(crewSizes) {
  const members = [];
  const resources = [{ kind: 'PROMPT_FINGERPRINT', value: 'tmpl', members: [] }];
  crewSizes.forEach((n, c) => {
    const ids = Array.from({ length: n }, (_, i) => `c${c}-m${String(i).padStart(4, '0')}`);
    members.push(...ids.map((id) => ({ id })));
    resources.push({ kind: 'PAYMENT_FINGERPRINT', value: `card-${c}`, members: ids });
    resources.push({ kind: 'IP', value: `10.0.${c}.1`, members: ids });
    resources[0].members.push(...ids);
  });
  members.push({ id: 'loner' });
  resources[0].members.push('loner');
  return { members, resources };
}

test('members tied by a card or a private IP form one crew, largest first; the rest are one loose group', () => {
  const g = campaign([5, 9]);
  const crews = findCrews(g.members.map((m) => m.id), g.resources.map((r) => ({ members: r.members, tie: isCrewTie(r) })));
  assert.deepEqual(crews.map((c) => c.members.length), [9, 5, 1]);
  assert.ok(crews[0].members.every((m) => m.startsWith('c1-')));
  assert.deepEqual(crews[2], { id: 2, loose: true, members: ['loner'] });
});

test('crews chain through shared cards; an IP used by outsiders does not tie a crew', () => {
  const members = ['a', 'b', 'c', 'd', 'e'];
  const resources = [
    { kind: 'PAYMENT_FINGERPRINT', value: 'card-1', members: ['a', 'b'], outsideAccounts: 0 },
    { kind: 'PAYMENT_FINGERPRINT', value: 'card-2', members: ['b', 'c'], outsideAccounts: 2 },
    { kind: 'IP', value: 'campus-nat', members: ['c', 'd', 'e'], outsideAccounts: 300 },
    { kind: 'IP', value: 'private', members: ['d', 'e'], outsideAccounts: 0 },
  ];
  const crews = findCrews(members, resources.map((r) => ({ members: r.members, tie: isCrewTie(r) })));
  assert.deepEqual(crews.map((c) => c.members), [['a', 'b', 'c'], ['d', 'e']]);
  assert.ok(!isCrewTie({ kind: 'ASN', outsideAccounts: 0 }) && !isCrewTie({ kind: 'CLIENT', outsideAccounts: 0 }));
});

test('every node gets a finite position and crews do not overlap', () => {
  const g = campaign([40, 25, 12, 3]);
  const { positions, crews } = layoutCluster(g);
  assert.equal(positions.size, g.members.length + g.resources.length);
  for (const p of positions.values()) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
  for (let i = 0; i < crews.length; i++) {
    for (let j = i + 1; j < crews.length; j++) {
      const d = Math.hypot(crews[i].x - crews[j].x, crews[i].y - crews[j].y);
      assert.ok(d >= crews[i].r + crews[j].r, `crews ${i} and ${j} overlap`);
    }
  }
});

test('each member sits inside its crew disc, nearer its own crew than any other', () => {
  const g = campaign([30, 30, 7]);
  const { positions, crews, crewOf } = layoutCluster(g);
  for (const m of g.members) {
    const p = positions.get(m.id);
    const own = crews[crewOf.get(m.id)];
    const dOwn = Math.hypot(p.x - own.x, p.y - own.y);
    assert.ok(dOwn <= own.r + 1e-9, `${m.id} outside its disc`);
    for (const other of crews) {
      if (other !== own) assert.ok(Math.hypot(p.x - other.x, p.y - other.y) > dOwn);
    }
  }
});

test("a crew's own card sits in its disc; the shared template sits between the crews", () => {
  const g = campaign([20, 20]);
  const { positions, crews, crewOf } = layoutCluster(g);
  const card = positions.get(resourceKey('PAYMENT_FINGERPRINT', 'card-0'));
  const crew = crews[crewOf.get('c0-m0000')];
  assert.ok(Math.hypot(card.x - crew.x, card.y - crew.y) < crew.r / 2, 'near the centre of its crew');
  const tmpl = positions.get(resourceKey('PROMPT_FINGERPRINT', 'tmpl'));
  const [a, b] = crews;
  assert.ok(Math.hypot(tmpl.x - a.x, tmpl.y - a.y) > 1 && Math.hypot(tmpl.x - b.x, tmpl.y - b.y) > 1);
});

test('the layout is deterministic and handles 2,000 members', () => {
  const g = campaign([800, 600, 400, 199]);
  const a = layoutCluster(g);
  const b = layoutCluster(structuredClone(g));
  assert.equal(a.positions.size, 2000 + g.resources.length);
  for (const [k, p] of a.positions) assert.deepEqual(b.positions.get(k), p);
});

test('a cluster with no shared resources is one loose group', () => {
  const { crews } = layoutCluster({ members: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], resources: [] });
  assert.equal(crews.length, 1);
  assert.equal(crews[0].r, crewRadius(3));
});

test('hubs grow with outsiders, so a NAT used by 300 outsiders stands out', () => {
  assert.ok(hubSize(5, 300) > hubSize(5, 0) + 5);
  assert.ok(hubSize(50, 0) > hubSize(2, 0));
});
