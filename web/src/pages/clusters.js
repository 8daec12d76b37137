import { h, fmt } from '../dom.js';
import { CLUSTERS, OPERATORS } from '../queries.js';
import { parseFilters, formatFilters, toVariables, toggleSort, SIGNALS } from '../filters.js';

export async function clustersPage(main, ctx) {
  const state = parseFilters(ctx.search);
  const { variables, errors } = toVariables(state);
  const operators = (await ctx.api.request('Operators', OPERATORS)).operators.nodes;
  const set = (patch) => ctx.go(`#/clusters?${formatFilters({ ...state, ...patch })}`);

  const field = (name, label, input) => h('label', { className: 'filter' }, label, input);
  const form = h('form', { id: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const [k, v] of data.entries()) if (String(v).trim() !== '') next[k] = String(v).trim();
    ctx.go(`#/clusters?${formatFilters({ ...next, sort: state.sort, dir: state.dir })}`);
  } },
  field('flagged', 'Flagged ', h('select', { name: 'flagged' }, ...[['', 'all'], ['true', 'flagged'], ['false', 'not flagged']]
    .map(([v, t]) => h('option', { value: v, selected: (state.flagged ?? '') === v }, t)))),
  field('minRisk', 'Risk ≥ ', h('input', { name: 'minRisk', value: state.minRisk ?? '', size: 4, inputmode: 'decimal' })),
  field('maxRisk', 'Risk ≤ ', h('input', { name: 'maxRisk', value: state.maxRisk ?? '', size: 4, inputmode: 'decimal' })),
  field('minSize', 'Size ≥ ', h('input', { name: 'minSize', value: state.minSize ?? '', size: 4, inputmode: 'numeric' })),
  field('operatorId', 'Operator ', h('select', { name: 'operatorId' }, h('option', { value: '' }, 'any'),
    ...operators.map((o) => h('option', { value: o.id, selected: state.operatorId === o.id }, `${o.name ?? o.id} (${o.clusterCount})`)))),
  field('signal', 'Signal ', h('select', { name: 'signal' }, h('option', { value: '' }, 'any'),
    ...SIGNALS.map((s) => h('option', { value: s, selected: state.signal === s }, s.toLowerCase().replaceAll('_', ' '))))),
  field('from', 'Active from ', h('input', { name: 'from', type: 'date', value: state.from ?? '' })),
  field('to', 'to ', h('input', { name: 'to', type: 'date', value: state.to ?? '' })),
  h('button', { type: 'submit' }, 'Apply'), ' ', h('a', { href: '#/clusters' }, 'clear'));

  const table = h('table', { id: 'cluster-table' });
  const status = h('p', { id: 'list-status', className: 'muted' });
  const more = h('button', { id: 'more', hidden: true }, 'More');
  main.replaceChildren(...[h('h1', {}, 'Clusters'), form, errors.length ? h('p', { className: 'error' }, errors.join('; ')) : null, status, table, more].filter(Boolean));
  if (errors.length) return null;

  const sortHeader = (column, label) => {
    const active = (state.sort ?? 'risk') === column;
    const arrow = active ? ((state.dir ?? (column === 'id' ? 'asc' : 'desc')) === 'asc' ? ' ▲' : ' ▼') : '';
    return h('th', {}, h('a', { href: '#', dataset: { sort: column }, onclick: (e) => { e.preventDefault(); set(toggleSort(state, column)); } }, label + arrow));
  };
  table.append(h('thead', {}, h('tr', {}, sortHeader('id', 'Cluster'), sortHeader('risk', 'Risk'), h('th', {}, 'Flagged'), sortHeader('size', 'Size'),
    h('th', {}, 'Operator'), h('th', {}, 'Active'), h('th', {}, 'Lineage'))));
  const body = h('tbody');
  table.append(body);
  let shown = 0;
  const load = async (after) => {
    const page = (await ctx.api.request('Clusters', CLUSTERS, { ...variables, after })).clusters;
    for (const c of page.nodes) {
      body.append(h('tr', { className: c.flagged ? 'flagged' : '', dataset: { cluster: c.id } },
        h('td', {}, h('a', { href: `#/cluster/${encodeURIComponent(c.id)}` }, c.id)),
        h('td', { className: 'num' }, fmt.num(c.riskScore)),
        h('td', {}, c.flagged ? 'flagged' : ''),
        h('td', { className: 'num' }, fmt.int(c.size)),
        h('td', {}, c.operator ? `${c.operator.name ?? c.operator.id}${c.operator.overridden ? ' (override)' : c.operator.confidence !== null ? ` · ${fmt.pct(c.operator.confidence)}` : ''}` : '–'),
        h('td', {}, `${fmt.day(c.firstActivity)} → ${fmt.day(c.lastActivity)}`),
        h('td', {}, c.lineage.kind.toLowerCase())));
    }
    shown += page.nodes.length;
    status.textContent = `${shown} of ${fmt.int(page.totalCount)} clusters`;
    more.hidden = !page.pageInfo.hasNextPage;
    more.onclick = () => load(page.pageInfo.endCursor);
  };
  await load(null);
  table.dataset.loaded = formatFilters(state) || 'default';
  return null;
}
