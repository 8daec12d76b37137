// The investigator workbench: a hash-routed single page over the public GraphQL API.
//   #/signin  #/clusters?filters  #/cluster/ID  #/account/ID  #/lookup?kind=K&value=V  #/audit
import { createApi } from './api.js';
import { session, can } from './session.js';
import { h } from './dom.js';
import { VIEWER } from './queries.js';
import { signInPage } from './pages/signin.js';
import { clustersPage } from './pages/clusters.js';
import { clusterPage } from './pages/cluster.js';
import { accountPage } from './pages/account.js';
import { lookupPage } from './pages/lookup.js';
import { auditPage } from './pages/audit.js';
import { subscribeAlerts } from './alertfeed.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const api = createApi({ getKey: session.key, onUnauthorized: () => { session.signOut(); viewer = null; go('#/signin'); } });
let viewer = null;
let cleanup = null;
let stopAlerts = null; // the alertRaised subscription, when "Live alerts" is on
let alertState = 'off';
let refreshing = null;

export function go(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/clusters';
  const [path, search = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), search };
}

function renderNav() {
  nav.replaceChildren(...[
    h('a', { href: '#/clusters', className: 'brand' }, 'Distill workbench'),
    viewer ? h('a', { href: '#/clusters' }, 'Clusters') : null,
    viewer ? h('a', { href: '#/lookup' }, 'Look-up') : null,
    viewer && can(viewer.role, 'auditTrail') ? h('a', { href: '#/audit' }, 'Audit trail') : null,
    h('a', { href: '/graphql' }, 'GraphiQL'),
    h('span', { className: 'spacer' }),
    viewer ? h('span', { id: 'viewer', dataset: { role: viewer.role } }, `key ${viewer.keyId} · ${viewer.role.toLowerCase()}`) : null,
    viewer ? h('button', { id: 'live-alerts', className: stopAlerts ? 'on' : '', title: `Live alerts: ${alertState}`, onclick: toggleAlerts }, stopAlerts ? 'Live alerts: on' : 'Live alerts') : null,
    viewer ? h('button', { id: 'sign-out', onclick: () => { setAlerts(false); session.signOut(); viewer = null; go('#/signin'); } }, 'Sign out') : null,
  ].filter(Boolean));
}

function setAlerts(on) {
  if (!on && stopAlerts) { stopAlerts(); stopAlerts = null; }
  if (on && !stopAlerts) stopAlerts = subscribeAlerts({ getKey: session.key, onAlert: alertArrived, onState: (s) => { alertState = s; if (s === 'refused') stopAlerts = null; renderNav(); } });
  renderNav();
}

function toggleAlerts() { setAlerts(!stopAlerts); }

/** A toast naming the alert (text only, never HTML) with a link to its cluster; the cluster list re-renders itself. */
function alertArrived(alert) {
  let box = document.getElementById('toasts');
  if (!box) { box = h('div', { id: 'toasts', role: 'status', 'aria-live': 'polite' }); document.body.append(box); }
  const toast = h('div', { className: 'toast', dataset: { alert: alert.id } },
    h('strong', {}, alert.kind.replaceAll('_', ' ').toLowerCase()), ' ', h('a', { href: `#/cluster/${encodeURIComponent(alert.clusterId)}` }, alert.clusterId),
    h('div', {}, alert.summary));
  box.prepend(toast);
  while (box.children.length > 5) box.lastChild.remove();
  setTimeout(() => toast.remove(), 15_000);
  // A run raises its alerts together: one re-render of the list for the lot.
  if (!refreshing) {
    refreshing = setTimeout(() => {
      refreshing = null;
      const page = parseHash().parts[0];
      if (page === undefined || page === 'clusters') route();
    }, 300);
  }
}

async function route() {
  if (cleanup) { try { cleanup(); } catch { /* already gone */ } cleanup = null; }
  const { parts, search } = parseHash();
  if (!session.key()) viewer = null;
  if (parts[0] !== 'signin' && !session.key()) { go('#/signin'); return; }
  if (session.key() && !viewer) {
    try {
      viewer = (await api.request('Viewer', VIEWER)).viewer;
    } catch (e) {
      if (e.status !== 401) main.replaceChildren(h('p', { className: 'error' }, e.message));
      return;
    }
  }
  renderNav();
  const ctx = { api, viewer, go, search, signIn: async (key) => { session.signIn(key); viewer = null; go('#/clusters'); } };
  main.replaceChildren(h('p', { className: 'muted' }, 'Loading…'));
  try {
    switch (parts[0]) {
      case 'signin': cleanup = signInPage(main, ctx); break;
      case 'cluster': cleanup = await clusterPage(main, ctx, parts[1]); break;
      case 'account': cleanup = await accountPage(main, ctx, parts[1]); break;
      case 'lookup': cleanup = await lookupPage(main, ctx); break;
      case 'audit': cleanup = await auditPage(main, ctx); break;
      default: cleanup = await clustersPage(main, ctx); break;
    }
  } catch (e) {
    main.replaceChildren(h('p', { className: 'error', role: 'alert' }, e.message));
  }
}

window.addEventListener('hashchange', route);
route();
