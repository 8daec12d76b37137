// The cluster list's filters and order (pure; unit-tested in test/filters.test.js). The filter state lives in the
// page's hash (#/clusters?flagged=true&minRisk=0.5 ...) so a list can be bookmarked; the API key never does.

export const SIGNALS = ['SYNCHRONY', 'TEMPLATE_CONCENTRATION', 'CAPABILITY_CONCENTRATION', 'RELEASE_PIVOT', 'PAYMENT_SHARING', 'PATHWAY_MIX', 'SIGNUP_BURST', 'VOLUME'];
export const ORDERS = { risk: ['RISK_DESC', 'RISK_ASC'], size: ['SIZE_DESC', 'SIZE_ASC'], id: ['ID', 'ID'] };
const FIELDS = ['flagged', 'minRisk', 'maxRisk', 'minSize', 'operatorId', 'signal', 'from', 'to', 'sort', 'dir'];

/** Reads the filter state from a query string (URLSearchParams-compatible); unknown keys are ignored. */
export function parseFilters(search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v !== null && v !== '') state[f] = v;
  }
  return state;
}

/** Writes the filter state back to a query string (stable key order, empty values dropped). */
export function formatFilters(state) {
  const params = new URLSearchParams();
  for (const f of FIELDS) {
    if (state[f] !== undefined && state[f] !== null && state[f] !== '') params.set(f, String(state[f]));
  }
  return params.toString();
}

/**
 * Turns the filter state into the clusters query's variables, or lists what is wrong.
 * @returns {{variables: object, errors: string[]}}
 */
export function toVariables(state, pageSize = 25) {
  const errors = [];
  const variables = { first: pageSize, orderBy: orderBy(state.sort, state.dir) };
  if (state.flagged === 'true') variables.flagged = true;
  else if (state.flagged === 'false') variables.flagged = false;
  for (const [name, lo, hi] of [['minRisk', 0, 1], ['maxRisk', 0, 1]]) {
    if (state[name] === undefined) continue;
    const n = Number(state[name]);
    if (!Number.isFinite(n) || n < lo || n > hi) errors.push(`${name} must be a number from ${lo} to ${hi}`);
    else variables[name] = n;
  }
  if (variables.minRisk !== undefined && variables.maxRisk !== undefined && variables.minRisk > variables.maxRisk) {
    errors.push('minRisk is above maxRisk');
  }
  if (state.minSize !== undefined) {
    const n = Number(state.minSize);
    if (!Number.isInteger(n) || n < 1) errors.push('minSize must be a whole number of at least 1');
    else variables.minSize = n;
  }
  if (state.operatorId) variables.operatorId = String(state.operatorId).trim();
  if (state.signal !== undefined) {
    if (SIGNALS.includes(state.signal)) variables.signal = state.signal;
    else errors.push(`unknown signal ${state.signal}`);
  }
  for (const name of ['from', 'to']) {
    if (state[name] === undefined) continue;
    const t = toDateTime(state[name]);
    if (t === null) errors.push(`${name} must be a date (YYYY-MM-DD) or date-time`);
    else variables[name] = t;
  }
  if (variables.from && variables.to && Date.parse(variables.from) > Date.parse(variables.to)) errors.push('from is after to');
  return { variables, errors };
}

/** The ClusterOrder for a column and direction ('asc' | 'desc'); defaults to risk, highest first. */
export function orderBy(sort, dir) {
  const pair = ORDERS[sort] ?? ORDERS.risk;
  return dir === 'asc' ? pair[1] : pair[0];
}

/** Clicking a column header: same column flips the direction, a new column starts descending (ascending for id). */
export function toggleSort(state, column) {
  if (state.sort === column || (!state.sort && column === 'risk')) {
    return { ...state, sort: column, dir: (state.dir ?? (column === 'id' ? 'asc' : 'desc')) === 'desc' ? 'asc' : 'desc' };
  }
  return { ...state, sort: column, dir: column === 'id' ? 'asc' : 'desc' };
}

/** A date (YYYY-MM-DD, taken as UTC midnight) or RFC 3339 date-time as an RFC 3339 UTC string; null when invalid. */
export function toDateTime(text) {
  const s = String(text).trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace('.000Z', 'Z');
}
