import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binTimeline, releaseColumns, cellColour } from '../src/heatmap.js';

const HOUR = 3_600_000;
const timeline = {
  start: '2026-03-02T00:00:00Z',
  bucketMillis: HOUR,
  bucketCount: 10,
  rows: [
    { account: 'b', buckets: [2, 3, 9], requests: [1, 2, 3] },
    { account: 'a', buckets: [5], requests: [7] },
    { account: 'c', buckets: [0, 1], requests: [4, 4] },
  ],
};

test('keeps hourly buckets when they fit and orders rows by first activity', () => {
  const b = binTimeline(timeline, { maxColumns: 10 });
  assert.equal(b.factor, 1);
  assert.equal(b.columns, 10);
  assert.deepEqual(b.accounts, ['c', 'b', 'a']);
  assert.equal(b.cells[1 * 10 + 9], 3);
  assert.equal(b.max, 7);
  assert.equal(b.start, Date.parse('2026-03-02T00:00:00Z'));
});

test('merges buckets by a whole factor and keeps every request', () => {
  const b = binTimeline(timeline, { maxColumns: 4 });
  assert.equal(b.factor, 3);
  assert.equal(b.columns, 4);
  assert.equal(b.columnMillis, 3 * HOUR);
  const total = b.cells.reduce((x, y) => x + y, 0);
  assert.equal(total, 1 + 2 + 3 + 7 + 4 + 4);
  // b: buckets 2 -> column 0, 3 -> column 1, 9 -> column 3
  const row = b.accounts.indexOf('b');
  assert.deepEqual([...b.cells.slice(row * 4, row * 4 + 4)], [1, 2, 0, 3]);
});

test('keeps the busiest members when there are too many rows', () => {
  const b = binTimeline(timeline, { maxRows: 2 });
  assert.equal(b.hiddenRows, 1);
  assert.deepEqual([...b.accounts].sort(), ['a', 'c']);
});

test('an empty timeline gives no columns', () => {
  const b = binTimeline({ start: null, bucketMillis: HOUR, bucketCount: 0, rows: [] });
  assert.equal(b.columns, 0);
  assert.equal(b.accounts.length, 0);
});

test('marks releases inside the range at their column and leaves others out', () => {
  const b = binTimeline(timeline, { maxColumns: 10 });
  const marks = releaseColumns([
    { model: 'm-2', releasedAt: '2026-03-02T04:30:00Z' },
    { model: 'old', releasedAt: '2025-01-01T00:00:00Z' },
  ], b);
  assert.deepEqual(marks, [{ model: 'm-2', column: 4.5 }]);
});

test('colours: empty is white, more requests are darker', () => {
  assert.equal(cellColour(0, 10), '#ffffff');
  const light = Number(/(\d+)%\)$/.exec(cellColour(1, 100))[1]);
  const dark = Number(/(\d+)%\)$/.exec(cellColour(100, 100))[1]);
  assert.ok(dark < light);
});
