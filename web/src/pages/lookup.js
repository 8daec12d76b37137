import { h, fmt } from '../dom.js';
import { LOOKUP } from '../queries.js';

const KINDS = [['IP', 'IP'], ['PAYMENT_FINGERPRINT', 'payment fingerprint'], ['EMAIL_DOMAIN', 'e-mail domain'], ['CLIENT', 'client'], ['PROMPT_FINGERPRINT', 'prompt fingerprint']];

export async function lookupPage(main, ctx) {
  const params = new URLSearchParams(ctx.search);
  const kind = KINDS.some(([k]) => k === params.get('kind')) ? params.get('kind') : 'IP';
  const value = params.get('value') ?? '';
  const kindSelect = h('select', { id: 'lookup-kind', name: 'kind' }, ...KINDS.map(([k, t]) => h('option', { value: k, selected: k === kind }, t)));
  const input = h('input', { id: 'lookup-value', name: 'value', value, size: 50, required: true });
  const form = h('form', { id: 'lookup', onsubmit: (e) => { e.preventDefault(); ctx.go(`#/lookup?kind=${kindSelect.value}&value=${encodeURIComponent(input.value.trim())}`); } },
    h('h1', {}, 'Look-up'), kindSelect, ' ', input, ' ', h('button', { type: 'submit' }, 'Look up'));
  const results = h('div', { id: 'lookup-results' });
  main.replaceChildren(form, results);
  if (!value) return null;
  const r = (await ctx.api.request('Lookup', LOOKUP, { kind, value, first: 50 })).lookup;
  results.append(...[
    h('h2', {}, `Clusters (${r.clusters.totalCount})`),
    r.clusters.nodes.length ? h('ul', {}, ...r.clusters.nodes.map((c) => h('li', {}, h('a', { href: `#/cluster/${encodeURIComponent(c.id)}` }, c.id),
      ` · risk ${fmt.num(c.riskScore)}${c.flagged ? ' · flagged' : ''} · ${c.size} members${c.operator ? ` · ${c.operator.name ?? c.operator.id}` : ''}`))) : h('p', { className: 'muted' }, 'None.'),
    h('h2', {}, `Accounts (${fmt.int(r.accounts.totalCount)}${r.truncated ? ', more than one look-up collects' : ''})`),
    h('ul', {}, ...r.accounts.nodes.map((a) => h('li', {}, h('a', { href: `#/account/${encodeURIComponent(a.id)}` }, a.id), ` · ${a.emailDomain ?? '–'}${a.orgName ? ` · ${a.orgName}` : ''}`,
      a.cluster ? [' · ', h('a', { href: `#/cluster/${encodeURIComponent(a.cluster.id)}` }, a.cluster.id), a.cluster.flagged ? ' (flagged)' : ''] : ''))),
    r.accounts.pageInfo.hasNextPage ? h('p', { className: 'muted' }, 'First 50 accounts shown.') : null].filter(Boolean));
  return null;
}
