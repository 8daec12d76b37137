import { h, fmt } from '../dom.js';
import { AUDIT } from '../queries.js';

/** The audit trail (admin): the newest entries first, and whether the hash chain verifies. */
export async function auditPage(main, ctx) {
  let after = null;
  let entries = [];
  let verification = null;
  // Oldest first in the API: read to the end (at most 50 pages of 100) and show the newest 200.
  for (let i = 0; i < 50; i++) {
    const d = await ctx.api.request('AuditTrail', AUDIT, { first: 100, after });
    verification = d.verifyAuditTrail;
    entries = entries.concat(d.auditEntries.nodes).slice(-200);
    if (!d.auditEntries.pageInfo.hasNextPage) break;
    after = d.auditEntries.pageInfo.endCursor;
  }
  entries.reverse();
  main.replaceChildren(h('section', { id: 'audit' }, h('h1', {}, 'Audit trail'),
    h('p', { className: verification.intact ? 'ok' : 'error' }, verification.intact ? `The hash chain of ${fmt.int(verification.entries)} entries verifies.` : `Broken at entry ${verification.firstBrokenSequence}: ${verification.reason}`),
    h('table', { id: 'audit-table' }, h('thead', {}, h('tr', {}, ...['#', 'Time', 'Key', 'Role', 'Operation', 'Variables', 'Outcome'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...entries.map((e) => h('tr', { dataset: { operation: e.operationName ?? '' } }, h('td', {}, e.sequence), h('td', {}, fmt.time(e.time)), h('td', {}, e.keyId), h('td', {}, e.role),
        h('td', {}, e.operationName ?? '–'), h('td', { className: 'vars' }, e.variables), h('td', {}, e.outcome)))))));
  return null;
}
