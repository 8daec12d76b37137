import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StepCache, loadChain, describeStep } from '../src/evidence.js';

// A tree like the scale-1 benchmark cluster's: a path p0 (core) ← p1 ← ... ← p249, members b0..b9 hanging off p200,
// and one member without a link of its own.
function tree() {
  const steps = [];
  const link = (from, to) => ({ rule: 'shared_ip', weight: 1, from, to, summary: 'share an IP', provenanceCount: 2 });
  for (let i = 0; i < 250; i++) steps.push({ account: `p${i}`, parent: i ? `p${i - 1}` : null, depth: i, links: i ? [link(`p${i}`, `p${i - 1}`)] : [] });
  for (let i = 0; i < 10; i++) steps.push({ account: `b${i}`, parent: 'p200', depth: 201, links: [link(`b${i}`, 'p200')] });
  steps.push({ account: 'loose', parent: null, depth: -1, links: [] });
  return new Map(steps.map((s) => [s.account, s]));
}

// Cluster.evidenceSteps(ancestorsOf:, first: 100, after:) over that tree, counting what it sends.
function server(steps, first = 100) {
  const sent = { requests: 0, steps: 0 };
  const fetchPage = async (member, after, size = first) => {
    sent.requests++;
    const chain = [];
    for (let s = steps.get(member); s && chain.length < steps.size; s = steps.get(s.parent)) chain.push(s);
    const offset = after === null ? 0 : Number(after) + 1;
    const nodes = chain.slice(offset, offset + Math.min(size, first));
    sent.steps += nodes.length;
    return { nodes, pageInfo: { hasNextPage: offset + nodes.length < chain.length, endCursor: String(offset + nodes.length - 1) } };
  };
  return { fetchPage, sent };
}

test('a chain 250 steps deep comes in pages of 100, from the member up to the core, each step once', async () => {
  const steps = tree();
  const { fetchPage, sent } = server(steps);
  const cache = new StepCache();
  const chain = await loadChain(cache, 'p249', fetchPage);
  assert.deepEqual(chain.steps.map((s) => s.account), Array.from({ length: 250 }, (_, i) => `p${249 - i}`));
  assert.equal(chain.steps.at(-1).parent, null);
  assert.deepEqual(sent, { requests: 3, steps: 250 });
  assert.equal(chain.requests, 3);
});

test('the next member on the same path asks only for its own part, and a known chain for nothing', async () => {
  const steps = tree();
  const { fetchPage, sent } = server(steps);
  const cache = new StepCache();
  await loadChain(cache, 'p249', fetchPage);
  const before = { ...sent };
  const branch = await loadChain(cache, 'b3', fetchPage);
  assert.deepEqual(branch.steps.map((s) => s.account).slice(0, 3), ['b3', 'p200', 'p199']);
  assert.equal(branch.steps.length, 202);
  assert.equal(sent.requests - before.requests, 1, 'one request for b3');
  assert.ok(sent.steps - before.steps <= 100, 'at most one page');
  const again = await loadChain(cache, 'p120', fetchPage);
  assert.equal(again.requests, 0);
  assert.equal(again.steps.length, 121);
});

test('steps received by depth (the tree pages) complete chains without a request', async () => {
  const steps = tree();
  const { fetchPage, sent } = server(steps);
  const cache = new StepCache();
  assert.equal(cache.add([...steps.values()].filter((s) => s.depth >= 0 && s.depth <= 50)), 51);
  assert.equal(cache.add([steps.get('p3')]), 0, 'a step received twice counts once');
  const chain = await loadChain(cache, 'p50', fetchPage);
  assert.equal(chain.steps.length, 51);
  assert.equal(sent.requests, 0);
  // Without the parents, p60's page runs on past p51 into steps the page has (61 sent for 10 missing) ...
  const longer = await loadChain(cache, 'p60', fetchPage);
  assert.equal(longer.steps.length, 61);
  assert.deepEqual(sent, { requests: 1, steps: 61 });
});

test('with the graph’s parents a page asks for exactly the missing steps: none is sent twice', async () => {
  const steps = tree();
  const parentOf = (a) => steps.get(a)?.parent ?? null;
  const { fetchPage, sent } = server(steps);
  const cache = new StepCache();
  cache.add([...steps.values()].filter((s) => s.depth >= 0 && s.depth <= 50));
  const p60 = await loadChain(cache, 'p60', fetchPage, { parentOf });
  assert.equal(p60.steps.length, 61);
  assert.deepEqual(sent, { requests: 1, steps: 10 });
  // 189 missing steps between p249 and p60: pages of 100 and 89, then the cache.
  const deep = await loadChain(cache, 'p249', fetchPage, { parentOf });
  assert.equal(deep.steps.length, 250);
  assert.deepEqual(sent, { requests: 3, steps: 199 });
  // Every step of the tree the page asked for, each exactly once.
  for (let i = 0; i < 10; i++) await loadChain(cache, `b${i}`, fetchPage, { parentOf });
  assert.deepEqual(sent, { requests: 13, steps: 209 });
  assert.equal(cache.size, 260);
});

test('a member without a step is an error; a cycle ends; the number of requests is bounded', async () => {
  const steps = tree();
  const cache = new StepCache();
  await assert.rejects(loadChain(cache, 'nobody', server(steps).fetchPage), /nobody has no evidence step/);
  const loose = await loadChain(cache, 'loose', server(steps).fetchPage);
  assert.deepEqual(loose.steps.map((s) => s.account), ['loose']);

  const cyclic = new Map([['a', { account: 'a', parent: 'b', depth: 1, links: [] }], ['b', { account: 'b', parent: 'a', depth: 1, links: [] }]]);
  const c = await loadChain(new StepCache(), 'a', server(cyclic).fetchPage);
  assert.deepEqual(c.steps.map((s) => s.account), ['a', 'b']);

  const { fetchPage } = server(steps, 10);
  await assert.rejects(loadChain(new StepCache(), 'p249', fetchPage, { maxRequests: 5 }), /more than 5 requests/);
});

test('a step says where it leads, its rules and how many records are behind it', () => {
  const steps = tree();
  assert.deepEqual(describeStep(steps.get('p7')), { title: 'p7 → p6', detail: 'depth 7 · 1 link: shared_ip · 2 source records', records: 2 });
  assert.equal(describeStep(steps.get('p0')).title, 'p0 → (core)');
  assert.equal(describeStep(steps.get('loose')).title, 'loose → (no link of its own)');
  const two = { account: 'x', parent: 'y', depth: 2, links: [{ rule: 'shared_payment', provenanceCount: 4 }, { rule: 'lockstep', provenanceCount: 1 }] };
  assert.equal(describeStep(two).detail, 'depth 2 · 2 links: shared_payment, lockstep · 5 source records');
});
