// The cluster graph on WebGL (sigma.js on graphology): members and shared resources as nodes, evidence links
// (by rule) and memberships as edges, laid out by layout.js. Pan and zoom with mouse or wheel; hover shows details;
// clicking a member opens its account, clicking a hub opens the look-up of its value.
import Graph from 'graphology';
import Sigma from 'sigma';
import { layoutCluster, resourceKey, hubSize } from './layout.js';
import { placeLabels, truncateLabel } from './labels.js';
import { KINDS, ruleColour } from './features.js';

const MEMBER = '#1f77b4';
const INDICATOR = '#d01c8b';
const CORE = '#111111';

/** Builds the graphology graph (exported for the node count the tests read). */
export function buildGraph(data) {
  const { positions } = layoutCluster(data);
  const g = new Graph({ multi: false, type: 'undirected' });
  const indicatorMembers = new Set();
  for (const m of data.members) {
    const p = positions.get(m.id);
    const matched = m.matchedIndicators.length > 0;
    if (matched) indicatorMembers.add(m.id);
    g.addNode(m.id, {
      x: p.x, y: p.y, size: m.parent === null && m.depth === 0 && data.links.length > 0 ? 6 : 3,
      color: m.parent === null && data.links.length > 0 ? CORE : matched ? INDICATOR : MEMBER,
      label: m.id, kind: 'member', matched: m.matchedIndicators, depth: m.depth,
    });
  }
  // The five hubs most used outside (the strongest counter-evidence) are labelled before any other; then the largest
  // hubs, then members once zoomed in (drawLabels: as many as fit without overlapping).
  const labelled = new Set([...data.resources].filter((r) => r.outsideAccounts > 0).sort((a, b) => b.outsideAccounts - a.outsideAccounts)
    .slice(0, 5).map((r) => resourceKey(r.kind, r.value)));
  for (const r of data.resources) {
    const key = resourceKey(r.kind, r.value);
    const p = positions.get(key);
    const kind = KINDS[r.kind] ?? { colour: '#444', label: r.kind };
    g.addNode(key, {
      x: p.x, y: p.y, size: hubSize(r.members.length, r.outsideAccounts), color: kind.colour,
      label: `${kind.label} ${r.label ? `${r.value} ${r.label}` : r.value}${r.outsideAccounts ? ` · +${r.outsideAccounts} outside` : ''}`,
      // What the graph prints: a long value (a client string, a template hash) cut, the outsider count kept.
      short: `${kind.label} ${truncateLabel(r.label ? `${r.value} ${r.label}` : r.value, 24)}${r.outsideAccounts ? ` · +${r.outsideAccounts} outside` : ''}`,
      kind: 'resource', resourceKind: r.kind, value: r.value, inside: r.members.length, outside: r.outsideAccounts, counter: labelled.has(key),
    });
    for (const m of r.members) {
      if (g.hasNode(m) && !g.hasEdge(m, key)) g.addEdge(m, key, { size: 0.3, color: `${kind.colour}55`, kind: 'uses' });
    }
  }
  for (const l of data.links) {
    if (g.hasNode(l.from) && g.hasNode(l.to) && l.from !== l.to && !g.hasEdge(l.from, l.to)) {
      g.addEdge(l.from, l.to, { size: 0.6 + Math.min(l.weight, 3) * 0.4, color: ruleColour(l.rule), kind: 'evidence', rule: l.rule, weight: l.weight });
    }
  }
  return { graph: g, indicatorMembers };
}

/**
 * Draws the graph into container; returns { graph, renderer, kill }. onHover(text|null) shows details,
 * onOpen(node attributes, id) navigates.
 */
export function renderGraph(container, data, { onHover, onOpen }) {
  const { graph } = buildGraph(data);
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    // Node labels are placed by drawLabels below (sigma's own would overprint at the hubs' common centre); the
    // hovered node's full label is still drawn by sigma.
    renderLabels: false,
    defaultEdgeType: 'line',
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 5,
  });
  let hovered = null;
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    const a = graph.getNodeAttributes(node);
    const rules = new Set();
    graph.forEachEdge(node, (_e, ea) => { if (ea.kind === 'evidence') rules.add(ea.rule); });
    onHover(a.kind === 'member'
      ? `${node} · depth ${a.depth}${a.matched.length ? ` · matches ${a.matched.join(', ')}` : ''}${rules.size ? ` · links: ${[...rules].join(', ')}` : ''} · ${graph.degree(node)} edges (click: account)`
      : `${a.label} · used by ${a.inside} members and ${a.outside} accounts outside (click: look-up)`);
    container.style.cursor = 'pointer';
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    onHover(null);
    container.style.cursor = 'default';
    renderer.refresh({ skipIndexation: true });
  });
  // Hovering a node dims what is not tied to it, so a crew's ties stand out.
  renderer.setSetting('nodeReducer', (node, attrs) => {
    if (!hovered || node === hovered || graph.areNeighbors(node, hovered)) return attrs;
    return { ...attrs, color: '#e0e0e0', label: '' };
  });
  renderer.setSetting('edgeReducer', (edge, attrs) => {
    if (!hovered || graph.hasExtremity(edge, hovered)) return attrs;
    return { ...attrs, hidden: true };
  });
  renderer.on('clickNode', ({ node }) => onOpen(graph.getNodeAttributes(node), node));
  const labels = { placed: [] };
  renderer.on('afterRender', () => { labels.placed = drawLabels(renderer, graph); });
  labels.placed = drawLabels(renderer, graph); // the first frame was drawn by the constructor
  return { graph, renderer, labels, kill: () => renderer.kill() };
}

const LABEL_FONT_SIZE = 12;
const MEMBER_LABEL_MIN_PX = 6; // members get labels only once zoomed in this far (their disc at least this radius)

/**
 * Draws the labels that fit (labels.js: largest hubs first, no two overlapping, long values cut) on sigma's label
 * layer, which sigma clears before each frame. Returns the placed label boxes (read by the browser test).
 */
function drawLabels(renderer, graph) {
  const { width, height } = renderer.getDimensions();
  const context = renderer.getCanvases().labels.getContext('2d');
  context.font = `${LABEL_FONT_SIZE}px system-ui, sans-serif`;
  const membersToo = renderer.scaleSize(3) >= MEMBER_LABEL_MIN_PX;
  const candidates = [];
  graph.forEachNode((node, attrs) => {
    if (attrs.kind === 'member' && !membersToo) return;
    const d = renderer.getNodeDisplayData(node);
    if (!d || d.hidden || !d.label) return;
    const p = renderer.framedGraphToViewport(d);
    // Priority: the counter-evidence hubs, then hubs by size (users inside and outside), then members.
    const priority = attrs.kind === 'member' ? d.size : 1000 + (attrs.counter ? 1000 : 0) + d.size;
    candidates.push({ id: node, x: p.x, y: p.y, size: renderer.scaleSize(d.size), text: attrs.short ?? d.label, priority });
  });
  const placed = placeLabels(candidates, { width, height, fontSize: LABEL_FONT_SIZE, maxChars: 48, maxLabels: 40, measure: (t) => context.measureText(t).width });
  for (const l of placed) {
    context.fillStyle = 'rgba(255, 255, 255, 0.85)';
    context.fillRect(l.x, l.y, l.w, l.h);
    context.fillStyle = '#222';
    context.fillText(l.text, l.x + 2, l.y + l.h - 4);
  }
  return placed;
}
