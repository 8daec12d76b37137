import { h, fmt } from '../dom.js';
import { ACCOUNT } from '../queries.js';

const look = (kind, value, text = value) => h('a', { href: `#/lookup?kind=${kind}&value=${encodeURIComponent(value)}` }, text);

export async function accountPage(main, ctx, id) {
  const a = (await ctx.api.request('Account', ACCOUNT, { id })).account;
  if (!a) {
    main.replaceChildren(h('p', { className: 'error' }, `No account ${id}.`));
    return null;
  }
  const s = a.requestStats;
  const table = (head, rows) => h('table', {}, h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))), h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((x) => h('td', {}, x))))));
  main.replaceChildren(h('section', { id: 'account' },
    h('h1', {}, `Account ${a.id}`),
    h('p', {}, 'Cluster: ', a.cluster ? h('a', { href: `#/cluster/${encodeURIComponent(a.cluster.id)}` }, a.cluster.id) : 'none',
      a.cluster ? ` · risk ${fmt.num(a.cluster.riskScore)}${a.cluster.flagged ? ' · flagged' : ''} · ${a.cluster.size} members${a.cluster.operator ? ` · operator ${a.cluster.operator.name ?? a.cluster.operator.id}` : ''}` : ''),
    h('p', {}, `Created ${fmt.time(a.createdAt)} · e-mail domain `, a.emailDomain ? look('EMAIL_DOMAIN', a.emailDomain) : '–',
      ` · organisation ${a.orgName ?? '–'} · pathway ${a.accessPathway ?? '–'} · country ${a.country ?? '–'} · status ${a.status ?? '–'}`),
    h('h2', {}, 'Payments'),
    table(['Fingerprint', 'Kind', 'BIN', 'Issuer country', 'First seen'], a.payments.map((p) => [look('PAYMENT_FINGERPRINT', p.fingerprint), p.kind ?? '–', p.bin ?? '–', p.issuerCountry ?? '–', fmt.time(p.firstSeen)])),
    h('h2', {}, 'IPs'),
    table(['IP', 'ASN', 'Type', 'Sessions', 'Requests', 'First seen', 'Last seen'], a.ips.map((i) => [look('IP', i.ip), `${i.asn ?? '–'} ${i.asnOrg ?? ''}`, i.ipType ?? '–', fmt.int(i.sessions), fmt.int(i.requests), fmt.time(i.firstSeen), fmt.time(i.lastSeen)])),
    h('h2', {}, 'Requests'),
    s ? h('div', {}, h('p', {}, `${fmt.int(s.requests)} requests, ${fmt.int(s.inputTokens)} input and ${fmt.int(s.outputTokens)} output tokens, ${fmt.time(s.firstRequest)} → ${fmt.time(s.lastRequest)}`),
      table(['Model', 'Requests'], s.byModel.map((m) => [m.name, fmt.int(m.count)])),
      table(['Capability', 'Requests'], s.byCapability.map((m) => [m.name, fmt.int(m.count)])))
      : h('p', { className: 'muted' }, 'No requests.'),
    h('p', { className: 'muted' }, 'Clients and prompt fingerprints of an account are not in the API yet; look them up from the cluster graph’s hubs.')));
  return null;
}
