// The evidence panel's data (pure: no DOM, unit-tested in test/evidence.test.js).
//
// The API sends each evidence step once (Cluster.evidenceSteps): a page of the tree by depth, or a member's ancestors
// (ancestorsOf), with every link's record count but not its records. A member's chain back to the core is its step,
// its parent's, and so on; in a large cluster that path can be hundreds of steps deep and shared by many members, so
// the page keeps every step it has received (StepCache) and asks only for the part of a chain it does not have yet.

/** Every evidence step the page has received, by member. */
export class StepCache {
  constructor() {
    this.steps = new Map();
  }

  /** Adds steps ({account, parent, depth, links, ...}); returns how many were new. */
  add(steps) {
    let added = 0;
    for (const s of steps) {
      if (!this.steps.has(s.account)) added++;
      this.steps.set(s.account, s);
    }
    return added;
  }

  has(account) {
    return this.steps.has(account);
  }

  get(account) {
    return this.steps.get(account);
  }

  get size() {
    return this.steps.size;
  }

  /**
   * The part of account's chain that is cached: its steps from the member up, and the first member on the way whose
   * step is missing (null when the walk reached the core, or a member without a parent, or went round a cycle).
   * @returns {{steps: object[], missing: string|null}}
   */
  chainOf(account) {
    const steps = [];
    const seen = new Set();
    let current = account;
    while (current !== null && current !== undefined) {
      if (seen.has(current)) break; // a cycle (a stored tree has none): stop rather than loop
      const step = this.steps.get(current);
      if (!step) return { steps, missing: current };
      seen.add(current);
      steps.push(step);
      current = step.parent;
    }
    return { steps, missing: null };
  }
}

/**
 * A member's chain to the core: from the cache, asking fetchPage(member, after, first) → {nodes, pageInfo} (a page of
 * Cluster.evidenceSteps(ancestorsOf: member, first:, after:)) only for the first member on the way whose step is
 * missing, and only until a page reaches a step already cached or the core. With parentOf (each member's parent, as
 * the cluster graph already gives it), a page asks for exactly the missing steps, so no step is sent twice.
 * @returns {Promise<{steps: object[], requests: number}>} steps from the member up to the core
 */
export async function loadChain(cache, account, fetchPage, { maxRequests = 20, pageSize = 100, parentOf = null } = {}) {
  let requests = 0;
  for (;;) {
    const { steps, missing } = cache.chainOf(account);
    if (missing === null) return { steps, requests };
    let after = null; // cursor of the last step received of this run of missing steps
    let next = missing; // the first step the next page starts with
    for (;;) {
      if (requests >= maxRequests) throw new Error(`The chain of ${account} needs more than ${maxRequests} requests.`);
      requests++;
      const page = await fetchPage(missing, after, parentOf ? missingRun(cache, next, parentOf, pageSize) : pageSize);
      if (!page.nodes.length || (after === null && page.nodes[0].account !== missing)) {
        throw new Error(`${missing} has no evidence step in this cluster.`);
      }
      cache.add(page.nodes);
      const last = page.nodes[page.nodes.length - 1];
      if (last.parent === null || last.parent === undefined || cache.has(last.parent) || !page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      next = last.parent;
    }
  }
}

/** How many members from start up the parents are not cached (at most max, at least 1). */
function missingRun(cache, start, parentOf, max) {
  let n = 0;
  const seen = new Set();
  for (let a = start; a !== null && a !== undefined && !cache.has(a) && !seen.has(a) && n < max; a = parentOf(a)) {
    seen.add(a);
    n++;
  }
  return Math.max(1, n);
}

/** What a step's summary line says: "a → b", its depth, and its links' rules and record counts. */
export function describeStep(step) {
  const to = step.parent ?? (step.depth === 0 ? '(core)' : '(no link of its own)');
  const records = step.links.reduce((n, l) => n + (l.provenanceCount ?? 0), 0);
  const rules = [...new Set(step.links.map((l) => l.rule))];
  return {
    title: `${step.account} → ${to}`,
    detail: `depth ${step.depth}${rules.length ? ` · ${step.links.length} link${step.links.length === 1 ? '' : 's'}: ${rules.join(', ')}` : ''}${records ? ` · ${records} source record${records === 1 ? '' : 's'}` : ''}`,
    records,
  };
}
