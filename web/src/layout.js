// Layout of a cluster graph that shows crews and hubs (pure: no DOM, unit-tested in test/layout.test.js).
//
// A crew is the set of members that use exactly the same shared resources (same card, same IP, same template ...):
// accounts run by one script from one place. Crews are laid out as discs (a sunflower spiral inside each, so a
// crew of 400 stays a compact disc) on a spiral of their own, largest first at the centre. A resource (hub) sits at
// the centroid of the crews that use it: a card of one crew lands inside that crew's disc, a template shared by every
// crew lands between them. Linear in members + memberships; deterministic (same input, same picture).

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const MEMBER_SPACING = 1; // distance between neighbouring members inside a crew
const CREW_GAP = 3; // free space between two crews' discs

/** Radius of the disc that holds n members on a sunflower spiral with MEMBER_SPACING between neighbours. */
export function crewRadius(n) {
  return MEMBER_SPACING * Math.sqrt(Math.max(n, 1)) * 0.6 + 0.5;
}

/**
 * Groups members into crews by the set of resources each uses.
 * @param {string[]} members member ids
 * @param {{key: string, members: string[]}[]} resources each resource with a unique key and the members using it
 * @returns {{id: number, signature: string, members: string[]}[]} crews, largest first (ties by signature)
 */
export function findCrews(members, resources) {
  const used = new Map(members.map((m) => [m, []]));
  resources.forEach((r, i) => {
    for (const m of r.members) used.get(m)?.push(i);
  });
  const bySignature = new Map();
  for (const m of members) {
    const signature = used.get(m).sort((a, b) => a - b).join(',');
    if (!bySignature.has(signature)) bySignature.set(signature, []);
    bySignature.get(signature).push(m);
  }
  const crews = [...bySignature.entries()].map(([signature, list]) => ({ signature, members: list.sort() }));
  crews.sort((a, b) => b.members.length - a.members.length || (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  return crews.map((c, id) => ({ id, ...c }));
}

/**
 * Places crews (discs) and hubs.
 * @param {{members: {id: string}[], resources: {kind: string, value: string, members: string[]}[]}} graph
 * @returns {{positions: Map<string, {x: number, y: number}>, crews: {id: number, members: string[], x: number, y: number, r: number}[], crewOf: Map<string, number>}}
 *   positions keyed by member id and by resource key (resourceKey(kind, value))
 */
export function layoutCluster(graph) {
  const memberIds = graph.members.map((m) => m.id);
  const resources = graph.resources.map((r) => ({ key: resourceKey(r.kind, r.value), members: r.members }));
  const crews = findCrews(memberIds, resources);
  const positions = new Map();
  const crewOf = new Map();
  const placed = [];
  // Crews on an outward spiral: each new disc goes at the first angle step where it overlaps no placed disc.
  let angle = 0;
  for (const crew of crews) {
    const r = crewRadius(crew.members.length);
    let x = 0;
    let y = 0;
    if (placed.length > 0) {
      let distance = placed[0].r + r + CREW_GAP;
      for (;;) {
        x = Math.cos(angle) * distance;
        y = Math.sin(angle) * distance;
        if (placed.every((p) => Math.hypot(p.x - x, p.y - y) >= p.r + r + CREW_GAP - 1e-9)) break;
        angle += 0.35;
        distance += 0.15 * (r + 1);
      }
    }
    placed.push({ id: crew.id, members: crew.members, x, y, r });
    crew.members.forEach((m, i) => {
      // Sunflower spiral: even density, the first members at the disc's centre.
      const rho = MEMBER_SPACING * 0.6 * Math.sqrt(i + 0.5);
      positions.set(m, { x: x + rho * Math.cos(i * GOLDEN_ANGLE), y: y + rho * Math.sin(i * GOLDEN_ANGLE) });
      crewOf.set(m, crew.id);
    });
  }
  // Hubs at the centroid of the crews that use them, weighted by how many of each crew's members use them.
  const crewById = new Map(placed.map((c) => [c.id, c]));
  for (const r of resources) {
    const weights = new Map();
    for (const m of r.members) {
      const c = crewOf.get(m);
      if (c !== undefined) weights.set(c, (weights.get(c) ?? 0) + 1);
    }
    let sx = 0;
    let sy = 0;
    let total = 0;
    for (const [c, w] of weights) {
      sx += crewById.get(c).x * w;
      sy += crewById.get(c).y * w;
      total += w;
    }
    positions.set(r.key, total === 0 ? { x: 0, y: 0 } : { x: sx / total, y: sy / total });
  }
  return { positions, crews: placed, crewOf };
}

/** The graph key of a shared resource (also its node id in the renderer). */
export function resourceKey(kind, value) {
  return `${kind}:${value}`;
}

/** Size of a hub: grows with the members using it and, as counter-evidence, with the outsiders using it. */
export function hubSize(insideMembers, outsideAccounts) {
  return 4 + 2 * Math.log2(1 + insideMembers) + 3 * Math.log10(1 + outsideAccounts);
}
