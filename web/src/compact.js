// The cluster graph arrives by member index (`graph { compact { ... } }`: member ids once, about a quarter of the
// bytes of the full form for 2,000 members); the layout and the renderer take the full form's shape, rebuilt here
// (pure; unit-tested in test/compact.test.js).

/**
 * @param {{members: string[], parents: number[], depths: number[], matched: {member: number, indicators: string[]}[],
 *   resources: {kind: string, value: string, label: string|null, members: number[], outsideAccounts: number}[],
 *   links: {rule: string, from: number[], to: number[], weights: number[]}[]}} compact
 * @returns {{members: {id: string, parent: string|null, depth: number, matchedIndicators: string[]}[],
 *   resources: {kind: string, value: string, label: string|null, members: string[], outsideAccounts: number}[],
 *   links: {from: string, to: string, rule: string, weight: number}[]}}
 */
export function expandCompact(compact) {
  const ids = compact.members;
  const id = (i) => {
    if (!Number.isInteger(i) || i < 0 || i >= ids.length) throw new RangeError(`member index ${i} out of range (${ids.length} members)`);
    return ids[i];
  };
  const matched = new Map(compact.matched.map((m) => [m.member, m.indicators]));
  const members = ids.map((m, i) => ({
    id: m,
    parent: compact.parents[i] >= 0 ? id(compact.parents[i]) : null,
    depth: compact.depths[i],
    matchedIndicators: matched.get(i) ?? [],
  }));
  const resources = compact.resources.map((r) => ({ kind: r.kind, value: r.value, label: r.label, members: r.members.map(id), outsideAccounts: r.outsideAccounts }));
  const links = [];
  for (const set of compact.links) {
    for (let k = 0; k < set.from.length; k++) links.push({ from: id(set.from[k]), to: id(set.to[k]), rule: set.rule, weight: set.weights[k] });
  }
  return { members, resources, links };
}
