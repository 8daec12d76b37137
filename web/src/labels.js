// Which node labels the cluster graph draws and where (pure: no DOM, unit-tested in test/labels.test.js).
//
// A large cluster's hubs (an IP, a client, a template every crew uses) sit at the centroid of their users, so the
// busiest ones land on top of each other; drawn as sigma does by default (each label to the right of its node, forced
// ones always), their labels overprint into an unreadable knot. Instead, on every frame, candidates are taken in
// priority order (the largest hubs first) and each label is put at the first of four spots around its node (right,
// left, above, below) where its box overlaps no label already placed, no more important node's disc, and stays inside
// the viewport; a label that fits nowhere is dropped (its full text still shows on hover). Long values are cut with
// an ellipsis. Greedy and deterministic: the same candidates give the same labels.

/** Cuts text longer than max characters to max - 1 characters and an ellipsis. */
export function truncateLabel(text, max) {
  const s = String(text ?? '');
  if (max < 1) return '';
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

/** Whether two boxes {x, y, w, h} overlap (touching edges do not). */
export function boxesOverlap(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function boxHitsDisc(box, disc) {
  const cx = Math.max(box.x, Math.min(disc.x, box.x + box.w));
  const cy = Math.max(box.y, Math.min(disc.y, box.y + box.h));
  return (disc.x - cx) ** 2 + (disc.y - cy) ** 2 < disc.r * disc.r;
}

/** Candidate spots of a label box of w × h around a node of radius r at (x, y), in the order they are tried. */
function spots(x, y, r, w, h, gap) {
  return [
    { side: 'right', x: x + r + gap, y: y - h / 2 },
    { side: 'left', x: x - r - gap - w, y: y - h / 2 },
    { side: 'above', x: x - w / 2, y: y - r - gap - h },
    { side: 'below', x: x - w / 2, y: y + r + gap },
  ];
}

/**
 * Places labels greedily in screen space.
 * @param {{id: string, x: number, y: number, size: number, text: string, priority: number}[]} candidates
 *   node centres and radii in pixels; a higher priority is placed first (ties: id)
 * @param {{width: number, height: number, fontSize?: number, maxChars?: number, maxLabels?: number, gap?: number,
 *   padding?: number, maxObstacles?: number, measure?: (text: string) => number}} view the viewport in pixels; nodes
 *   outside it get no label; measure gives a text's width (default: 0.6 × fontSize per character)
 * @returns {{id: string, text: string, side: string, x: number, y: number, w: number, h: number}[]} the placed
 *   labels (box top-left corner and size), in placement order
 */
export function placeLabels(candidates, view) {
  const fontSize = view.fontSize ?? 12;
  const maxChars = view.maxChars ?? 28;
  const maxLabels = view.maxLabels ?? 40;
  const gap = view.gap ?? 3;
  const padding = view.padding ?? 2;
  const maxObstacles = view.maxObstacles ?? 200;
  const measure = view.measure ?? ((t) => t.length * fontSize * 0.6);
  const h = fontSize + 2 * padding;
  const order = candidates
    .filter((c) => c.text && c.x >= 0 && c.y >= 0 && c.x <= view.width && c.y <= view.height)
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed = [];
  // Discs of the nodes already considered: a label may not cover a more important node (it would hide the hub next
  // to it). Only the first maxObstacles count, which keeps a frame of 2,000 on-screen members linear.
  const discs = [];
  for (const c of order) {
    if (placed.length >= maxLabels) break;
    const text = truncateLabel(c.text, maxChars);
    const w = measure(text) + 2 * padding;
    const r = Math.max(0, c.size);
    const spot = spots(c.x, c.y, r, w, h, gap).find((s) => {
      const box = { x: s.x, y: s.y, w, h };
      return box.x >= 0 && box.y >= 0 && box.x + w <= view.width && box.y + h <= view.height
        && !placed.some((p) => boxesOverlap(p, box))
        && !discs.some((d) => d.id !== c.id && boxHitsDisc(box, d));
    });
    if (discs.length < maxObstacles) discs.push({ id: c.id, x: c.x, y: c.y, r });
    if (spot) placed.push({ id: c.id, text, side: spot.side, x: spot.x, y: spot.y, w, h });
  }
  return placed;
}
