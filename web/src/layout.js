// Layout of a cluster graph that shows crews and hubs (pure: no DOM, unit-tested in test/layout.test.js).
//
// A crew is a group of members tied by the things one person physically runs: a shared payment instrument or an IP
// nobody outside the cluster uses (connected components over those). Members tied only by broad things (an ASN, a
// popular client, a template, an IP outsiders use too) are each a crew of one; those are gathered into one "loose"
// group. Crews are laid out as discs (a sunflower spiral inside each, so a crew of 400 stays a compact disc) on a
// spiral of their own, largest first at the centre. A resource (hub) sits at the centroid of the members that use
// it: a card of one crew lands inside that crew's disc, a template shared by every crew lands between them. Near-linear
// in members + memberships; deterministic (same input, same picture).

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const MEMBER_SPACING = 1; // distance between neighbouring members inside a crew
const CREW_GAP = 3; // free space between two crews' discs

/** Radius of the disc that holds n members on a sunflower spiral with MEMBER_SPACING between neighbours. */
export function crewRadius(n) {
  return MEMBER_SPACING * Math.sqrt(Math.max(n, 1)) * 0.6 + 0.5;
}

/** Whether a resource ties its users into one crew: a card, or an IP no outsider uses. */
export function isCrewTie(resource) {
  return resource.kind === 'PAYMENT_FINGERPRINT' || (resource.kind === 'IP' && (resource.outsideAccounts ?? 0) === 0);
}

/**
 * Groups members into crews: connected components over the crew ties; the members left alone form one loose group.
 * @param {string[]} members member ids
 * @param {{members: string[], tie: boolean}[]} resources each resource with the members using it and whether it ties a crew
 * @returns {{id: number, loose: boolean, members: string[]}[]} crews, largest first (ties: loose last, then by first member)
 */
export function findCrews(members, resources) {
  const index = new Map(members.map((m, i) => [m, i]));
  const parent = members.map((_, i) => i);
  const find = (i) => { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
  for (const r of resources) {
    if (!r.tie) continue;
    let first = -1;
    for (const m of r.members) {
      const i = index.get(m);
      if (i === undefined) continue;
      if (first < 0) first = find(i);
      else { const j = find(i); if (j !== first) parent[j] = first; }
    }
  }
  const groups = new Map();
  members.forEach((m, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(m);
  });
  const crews = [];
  const loose = [];
  for (const list of groups.values()) {
    if (list.length === 1) loose.push(list[0]);
    else crews.push({ loose: false, members: list.sort() });
  }
  if (loose.length) crews.push({ loose: true, members: loose.sort() });
  crews.sort((a, b) => b.members.length - a.members.length || Number(a.loose) - Number(b.loose) || (a.members[0] < b.members[0] ? -1 : 1));
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
  const resources = graph.resources.map((r) => ({ key: resourceKey(r.kind, r.value), members: r.members, tie: isCrewTie(r) }));
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
    placed.push({ id: crew.id, loose: crew.loose, members: crew.members, x, y, r });
    crew.members.forEach((m, i) => {
      // Sunflower spiral: even density, the first members at the disc's centre.
      const rho = MEMBER_SPACING * 0.6 * Math.sqrt(i + 0.5);
      positions.set(m, { x: x + rho * Math.cos(i * GOLDEN_ANGLE), y: y + rho * Math.sin(i * GOLDEN_ANGLE) });
      crewOf.set(m, crew.id);
    });
  }
  // Hubs at the centroid of the members that use them: a crew's card lands in its disc, a template every crew uses
  // lands between the crews, an IP two loose members share lands between those two.
  for (const r of resources) {
    let sx = 0;
    let sy = 0;
    let total = 0;
    for (const m of r.members) {
      const p = positions.get(m);
      if (!p || !crewOf.has(m)) continue;
      sx += p.x;
      sy += p.y;
      total += 1;
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
  return 2.5 + 1.2 * Math.log2(1 + insideMembers) + 2.5 * Math.log10(1 + outsideAccounts);
}
