import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeLabels, truncateLabel, boxesOverlap } from '../src/labels.js';

const view = { width: 800, height: 600, fontSize: 12 };

function assertNoOverlap(placed) {
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      assert.ok(!boxesOverlap(placed[i], placed[j]), `${placed[i].id} and ${placed[j].id} overlap: ${JSON.stringify([placed[i], placed[j]])}`);
    }
  }
}

// The knot of a large cluster: many hubs at (nearly) the same centroid, with long values.
function knot(n, seed = 1) {
  let s = seed;
  const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
  return Array.from({ length: n }, (_, i) => ({
    id: `IP:10.0.${i}.1`, x: 400 + (rnd() - 0.5) * 30, y: 300 + (rnd() - 0.5) * 30, size: 4 + rnd() * 10,
    text: `IP 10.0.${i}.1 · +${i * 3} outside`, priority: rnd() * 100,
  }));
}

test('no two placed labels overlap, however many hubs share one spot', () => {
  for (const n of [2, 10, 60, 300]) {
    const placed = placeLabels(knot(n, n), view);
    assert.ok(placed.length > 0);
    assertNoOverlap(placed);
  }
});

test('labels stay inside the viewport and off more important nodes', () => {
  const candidates = [
    { id: 'big', x: 790, y: 300, size: 20, text: 'a hub at the right edge', priority: 10 },
    { id: 'next', x: 740, y: 300, size: 5, text: 'a smaller hub beside it', priority: 5 },
  ];
  const placed = placeLabels(candidates, view);
  for (const p of placed) {
    assert.ok(p.x >= 0 && p.y >= 0 && p.x + p.w <= view.width && p.y + p.h <= view.height, JSON.stringify(p));
  }
  const big = placed.find((p) => p.id === 'big');
  assert.equal(big.side, 'left', 'no room on the right, so the next spot');
  const next = placed.find((p) => p.id === 'next');
  if (next) {
    // The box must not cover the disc of the more important hub (centre 790,300, radius 20).
    const cx = Math.max(next.x, Math.min(790, next.x + next.w));
    const cy = Math.max(next.y, Math.min(300, next.y + next.h));
    assert.ok((790 - cx) ** 2 + (300 - cy) ** 2 >= 400, JSON.stringify(next));
  }
});

test('the largest hubs are labelled first: a less important hub never takes the room of a more important one', () => {
  const candidates = knot(80, 7);
  const placed = placeLabels(candidates, view);
  const byPriority = [...candidates].sort((a, b) => b.priority - a.priority);
  // The most important hub always gets its label, and placement follows priority.
  assert.equal(placed[0].id, byPriority[0].id);
  const rank = new Map(byPriority.map((c, i) => [c.id, i]));
  for (let i = 1; i < placed.length; i++) assert.ok(rank.get(placed[i - 1].id) < rank.get(placed[i].id));
  assert.ok(placed.length < candidates.length, 'a knot of 80 hubs cannot all be labelled');
  // Taking away every hub below rank k changes nothing for the k most important ones.
  for (const k of [1, 5, 20, 50]) {
    const top = new Set(byPriority.slice(0, k).map((c) => c.id));
    assert.deepEqual(placeLabels(candidates.filter((c) => top.has(c.id)), view), placed.filter((p) => top.has(p.id)), `top ${k}`);
  }
});

test('spread-out hubs all get a label on their right', () => {
  const candidates = Array.from({ length: 12 }, (_, i) => ({ id: `h${i}`, x: 50 + (i % 3) * 250, y: 50 + Math.floor(i / 3) * 120, size: 6, text: `hub ${i}`, priority: i }));
  const placed = placeLabels(candidates, view);
  assert.equal(placed.length, 12);
  assert.ok(placed.every((p) => p.side === 'right'));
});

test('long values are cut with an ellipsis; maxLabels caps the count; the result is deterministic', () => {
  assert.equal(truncateLabel('short', 10), 'short');
  assert.equal(truncateLabel('CLIENT python-requests/2.31.0 (harvester build 7)', 20), 'CLIENT python-reque…');
  assert.equal(truncateLabel('CLIENT python-requests/2.31.0 (harvester build 7)', 20).length, 20);
  const long = [{ id: 'x', x: 100, y: 100, size: 5, text: 'P'.repeat(200), priority: 1 }];
  assert.equal(placeLabels(long, { ...view, maxChars: 30 })[0].text.length, 30);
  const many = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, x: 20 + (i % 10) * 78, y: 20 + Math.floor(i / 10) * 58, size: 2, text: `n${i}`, priority: -i }));
  assert.equal(placeLabels(many, { ...view, maxLabels: 15 }).length, 15);
  const a = placeLabels(knot(50, 3), view);
  const b = placeLabels(knot(50, 3).reverse(), view);
  assert.deepEqual(a, b, 'input order does not matter');
});

test('nodes outside the viewport and empty labels get none', () => {
  const placed = placeLabels([
    { id: 'off', x: -40, y: 100, size: 5, text: 'off screen', priority: 9 },
    { id: 'empty', x: 100, y: 100, size: 5, text: '', priority: 8 },
    { id: 'on', x: 300, y: 300, size: 5, text: 'on screen', priority: 1 },
  ], view);
  assert.deepEqual(placed.map((p) => p.id), ['on']);
});
