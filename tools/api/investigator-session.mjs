#!/usr/bin/env node
// An investigator's session against a running `distill serve`, through a real GraphQL client (graphql-request):
// find the top flagged clusters, page through them, open one, read why each member is in it and why the operator is
// suspected, record a verdict. Also: no key → 401, an investigator key cannot record a verdict (FORBIDDEN).
//
//   node investigator-session.mjs URL   (env: DISTILL_KEY_INVESTIGATOR, DISTILL_KEY_ANALYST)
// Prints "ok - ..." / "not ok - ..." per check; exit code 1 when any check failed.
import { GraphQLClient, ClientError, gql } from 'graphql-request';

const url = (process.argv[2] ?? 'http://127.0.0.1:5080') + '/graphql';
const investigator = new GraphQLClient(url, { headers: { Authorization: `Bearer ${process.env.DISTILL_KEY_INVESTIGATOR}` } });
const analyst = new GraphQLClient(url, { headers: { Authorization: `Bearer ${process.env.DISTILL_KEY_ANALYST}` } });
let failed = 0;
const check = (ok, what, detail = '') => { console.log(`${ok ? 'ok' : 'not ok'} - ${what}${!ok && detail ? ` (${detail})` : ''}`); if (!ok) failed++; };

const TOP = gql`query TopClusters($after: String) {
  clusters(flagged: true, first: 2, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id riskScore size operator { id name confidence } } }
  }
}`;
const DETAIL = gql`query ClusterDetail($id: ID!) {
  cluster(id: $id) {
    id riskScore flagged size
    operator { id name confidence matchedIndicators { kind value confidence matchedMembers } }
    features { synchrony templateConcentration capabilityConcentration releasePivot paymentSharing }
    members(first: 50) { totalCount nodes { id } }
    evidenceChains(first: 50) { totalCount nodes { account { id } depth matchedIndicators links { rule weight summary provenance { kind value requestId } } } }
    counterEvidence { kind summary }
    sharedInfrastructure { kind value insideAccounts outsideAccounts }
  }
}`;

try {
  // 1. The top flagged clusters, every page.
  const seen = [];
  let after = null;
  let total = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await investigator.request(TOP, { after });
    total = page.clusters.totalCount;
    for (const e of page.clusters.edges) seen.push(e.node);
    if (!page.clusters.pageInfo.hasNextPage) break;
    after = page.clusters.pageInfo.endCursor;
  }
  check(total > 0, `found ${total} flagged clusters`);
  check(seen.length === total && new Set(seen.map((c) => c.id)).size === total, `paged through all ${total} flagged clusters without repeats`, `${seen.length} seen`);
  check(seen.every((c, i) => i === 0 || seen[i - 1].riskScore >= c.riskScore), 'flagged clusters come highest risk first');

  // 2. Open the top one; read every member's chain and the operator's indicators.
  const top = seen[0];
  const { cluster } = await investigator.request(DETAIL, { id: top.id });
  check(cluster?.id === top.id && cluster.flagged, `opened cluster ${top.id}`);
  check(cluster.members.totalCount === cluster.size, `members connection counts ${cluster.size} members`);
  const chains = cluster.evidenceChains.nodes;
  const shown = Math.min(50, cluster.size);
  check(chains.length === shown, `an evidence chain for each of the first ${shown} members`, `${chains.length}`);
  check(chains.filter((c) => c.depth > 0).every((c) => c.links.length > 0 && c.links.every((l) => l.rule && l.weight > 0 && l.provenance.length > 0)),
    'every non-core member is tied in by weighted links with provenance');
  if (cluster.operator) {
    check(cluster.operator.matchedIndicators.length > 0, `operator ${cluster.operator.id} suspected through ${cluster.operator.matchedIndicators.length} matched indicators`);
  } else {
    check(true, 'cluster has no attributed operator (unknown operator is a valid answer)');
  }

  // 3. Record a verdict (analyst), and see that an investigator may not.
  const verdict = await analyst.request(gql`mutation Verdict($id: ID!) { recordVerdict(clusterId: $id, verdict: CONFIRMED, note: "e2e session") { id verdict role } }`, { id: top.id });
  check(verdict.recordVerdict.verdict === 'CONFIRMED' && verdict.recordVerdict.role === 'analyst', 'analyst recorded a CONFIRMED verdict');
  const after2 = await investigator.request(gql`query V($id: ID!) { cluster(id: $id) { verdicts { verdict note } } }`, { id: top.id });
  check(after2.cluster.verdicts.some((v) => v.note === 'e2e session'), 'the verdict shows on the cluster');
  try {
    await investigator.request(gql`mutation { recordVerdict(clusterId: "${top.id}", verdict: DISMISSED) { id } }`);
    check(false, 'investigator cannot record a verdict');
  } catch (e) {
    check(e instanceof ClientError && e.response.errors?.[0]?.extensions?.code === 'FORBIDDEN', 'investigator cannot record a verdict (FORBIDDEN)');
  }
} catch (e) {
  check(false, 'session ran without transport errors', e.message);
}

// 4. No key → 401.
try {
  await new GraphQLClient(url).request(gql`{ viewer { role } }`);
  check(false, 'a request without a key is refused');
} catch (e) {
  check(e instanceof ClientError && e.response.status === 401, 'a request without a key gets 401');
}

process.exit(failed === 0 ? 0 : 1);
