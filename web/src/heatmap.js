// Binning of a members × time heatmap (pure; unit-tested in test/heatmap.test.js). The API gives each member's
// non-empty buckets (hour or day offsets from the timeline's start); the page shows at most maxColumns columns and
// maxRows rows, so buckets are merged by an integer factor and the busiest members kept.

/**
 * @param {{start: string|null, bucketMillis: number, bucketCount: number, rows: {account: string, buckets: number[], requests: number[]}[]}} timeline
 * @param {{maxColumns?: number, maxRows?: number}} [options]
 * @returns {{start: number, columnMillis: number, columns: number, factor: number, accounts: string[], cells: Float64Array, max: number, hiddenRows: number}}
 *   cells is row-major (accounts.length × columns); rows ordered by first active column, then account id, so members
 *   that start together sit together and lockstep bursts read as vertical stripes.
 */
export function binTimeline(timeline, { maxColumns = 400, maxRows = 400 } = {}) {
  const start = timeline.start ? Date.parse(timeline.start) : 0;
  const factor = Math.max(1, Math.ceil(timeline.bucketCount / maxColumns));
  const columns = timeline.bucketCount === 0 ? 0 : Math.ceil(timeline.bucketCount / factor);
  let rows = timeline.rows.map((r) => ({
    account: r.account,
    total: r.requests.reduce((a, b) => a + Number(b), 0),
    first: r.buckets.length ? Math.floor(r.buckets[0] / factor) : Infinity,
    row: r,
  }));
  const hiddenRows = Math.max(0, rows.length - maxRows);
  if (hiddenRows > 0) {
    rows.sort((a, b) => b.total - a.total || (a.account < b.account ? -1 : 1));
    rows = rows.slice(0, maxRows);
  }
  rows.sort((a, b) => a.first - b.first || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  const cells = new Float64Array(rows.length * columns);
  let max = 0;
  rows.forEach((r, i) => {
    const { buckets, requests } = r.row;
    for (let k = 0; k < buckets.length; k++) {
      const at = i * columns + Math.floor(buckets[k] / factor);
      cells[at] += Number(requests[k]);
      if (cells[at] > max) max = cells[at];
    }
  });
  return { start, columnMillis: timeline.bucketMillis * factor, columns, factor, accounts: rows.map((r) => r.account), cells, max, hiddenRows };
}

/** Columns (fractional) of model releases inside the binned range; releases outside are left out. */
export function releaseColumns(releases, binned) {
  const out = [];
  for (const r of releases) {
    const column = (Date.parse(r.releasedAt) - binned.start) / binned.columnMillis;
    if (column >= 0 && column <= binned.columns) out.push({ model: r.model, column });
  }
  return out;
}

/** A colour for a cell: white when empty, then a log scale from pale yellow to dark red. */
export function cellColour(value, max) {
  if (!value) return '#ffffff';
  const t = max <= 1 ? 1 : Math.log1p(value) / Math.log1p(max);
  const hue = 50 - 50 * t;
  const light = 88 - 55 * t;
  return `hsl(${hue.toFixed(0)}, 95%, ${light.toFixed(0)}%)`;
}
