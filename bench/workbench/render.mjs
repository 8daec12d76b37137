#!/usr/bin/env node
// Workbench benchmark (numbers printed, nothing asserted): in headless Chromium (SwiftShader WebGL on the CPU),
//   1. first byte to interactive graph for CLUSTER opened at /#/cluster/ID (RUNS fresh tabs; median and max),
//   2. the cluster view's GraphQL queries (Cluster, MemberTimeline by hour, the evidence panel's EvidenceSteps,
//      EvidenceChain and EvidenceStepRecords, and the EvidenceChains the page sent before) p50 / p99 over N calls,
//   3. sigma.js vs cytoscape.js on the same graph: first frame and time per pan/zoom frame.
//   node render.mjs URL KEY CLUSTER [--runs=5] [--calls=200] [--renderers=1]   (--runs=0 --calls=0: the renderer comparison only;
//   --renderers=0: without it, ~2 min less)
//   node render.mjs URL KEY CLUSTER --breakdown     (30 rounds of the queries only; run.sh sums the server's spans)
//   --screenshot=FILE: a PNG of the first tab's graph section (the labels of a large cluster's hubs)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../web/package.json'));
const puppeteer = (await import(require.resolve('puppeteer-core'))).default;
const { build } = await import(require.resolve('esbuild'));
const { CLUSTER, TIMELINE, EVIDENCE_STEPS, EVIDENCE_CHAIN, STEP_RECORDS } = await import('../../web/src/queries.js');
// What the page asked for before the evidence panel sent each step once (Cluster.evidenceChains, now deprecated):
// five chains, each with every step to the core and every record.
const CHAINS_BEFORE = `query EvidenceChains($id: ID!, $first: Int, $after: String) {
  cluster(id: $id) { id evidenceChains(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { account { id } depth matchedIndicators
      steps { account parent depth links { rule weight from to summary provenance { kind account value requestId firstSeen lastSeen count } } } }
  } }
}`;
// The graph as the page asked for it before the compact form (and as the renderer comparison below draws it).
const FULL_CLUSTER = CLUSTER.replace('query Cluster(', 'query ClusterFullGraph(').replace(/\bgraph \{[^\n]*\n/, 'graph { members { id parent depth matchedIndicators } resources { kind value label members outsideAccounts } links { from to rule weight } resourcesTruncated }\n');
if (FULL_CLUSTER === CLUSTER && !CLUSTER.includes('links { from to rule weight }')) throw new Error('render.mjs: the page\'s Cluster query has no one-line graph selection to replace');
const [base, key, cluster] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const opt = (n, d) => Number(process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d);
const breakdown = process.argv.includes('--breakdown');
const runs = breakdown ? 0 : opt('runs', 5);
const calls = opt('calls', 200);
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(0)} ms`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
});
try {
  // 1. first byte to interactive
  const times = [];
  let nodes = 0;
  for (let i = 0; i < runs; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    await page.evaluateOnNewDocument((k) => window.sessionStorage.setItem('distill.apiKey', k), key);
    await page.goto(`${base}/#/cluster/${encodeURIComponent(cluster)}`);
    await page.waitForSelector('#graph[data-ready=true]', { timeout: 120000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const q = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/graphql'));
      return { firstByte: nav.responseStart, ready: window.__workbench.graphReadyAt, nodes: window.__workbench.nodeCount, queries: q.map((r) => r.duration) };
    });
    nodes = t.nodes;
    times.push(t.ready - t.firstByte);
    const shotFile = process.argv.find((a) => a.startsWith('--screenshot='))?.slice('--screenshot='.length);
    if (i === 0 && shotFile) {
      await new Promise((r) => setTimeout(r, 500));
      await (await page.$('#graph-section')).screenshot({ path: shotFile });
      console.log(`  screenshot of the graph: ${shotFile}`);
    }
    console.log(`  run ${i + 1}: first byte ${ms(t.firstByte)} after navigation start, interactive graph ${ms(t.ready - t.firstByte)} after it (${t.nodes} nodes; GraphQL requests ${t.queries.map(ms).join(', ')})`);
    await context.close();
  }
  if (runs > 0) console.log(`first byte to interactive graph, cluster ${cluster} (${nodes} nodes): median ${ms(q(times, 0.5))}, max ${ms(Math.max(...times))} over ${runs} fresh tabs`);

  // 2. GraphQL latency of the cluster view's queries: the documents the page sends (web/src/queries.js), the graph in
  // full as the page asked for it before the compact form, and a floor (`cluster { id }`: authentication, rate limit,
  // audit entry, HTTP). Round robin, so that a change of the machine's load hits every query alike.
  const post = async ([query, variables]) => {
    const t0 = performance.now();
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    const text = await r.text();
    return { ms: performance.now() - t0, text };
  };
  // The evidence panel's queries need a member: the deepest one (the longest chain), from the graph's depths.
  const tree = JSON.parse((await post(['query Depths($id: ID!) { cluster(id: $id) { graph { compact { members depths } } } }', { id: cluster }])).text)
    .data.cluster.graph.compact;
  const deepestAt = tree.depths.reduce((best, d, i) => (d > tree.depths[best] ? i : best), 0);
  const deepest = tree.members[deepestAt];
  const hasSteps = !(await post([EVIDENCE_STEPS, { id: cluster, first: 1 }])).text.includes('"errors"');
  console.log(`evidence: deepest member ${deepest} at depth ${tree.depths[deepestAt]}${hasSteps ? '' : '; this server has no evidenceSteps (a build before it): its queries are skipped'}`);
  // A whole chain as the page loads it into an empty cache: pages of at most 100 steps until the core.
  const wholeChain = async () => {
    let after = null;
    let total = 0;
    let bytes = 0;
    let requests = 0;
    let text = '';
    do {
      const r = await post([EVIDENCE_CHAIN, { id: cluster, member: deepest, first: 100, after }]);
      text = r.text;
      if (text.includes('"errors"')) return { ms: r.ms, text };
      total += r.ms;
      bytes += Buffer.byteLength(text);
      requests++;
      const page = JSON.parse(text).data.cluster.evidenceSteps;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return { ms: total, text, bytes, requests };
  };
  // Two sets, each round robin with its own floor: what the page sends now, and what it sent before (the full graph and
  // the 9.7 MB EvidenceChains; in one round robin the request after that one pays for its garbage collection).
  const floor = ['query Floor($id: ID!) { cluster(id: $id) { id } }', { id: cluster }];
  const sets = {
    'the page now': {
      'Cluster (the page)': [CLUSTER, { id: cluster }],
      'MemberTimeline HOUR': [TIMELINE, { id: cluster, granularity: 'HOUR' }],
      ...(hasSteps ? {
        'EvidenceSteps(first: 20) (Show evidence steps)': [EVIDENCE_STEPS, { id: cluster, first: 20 }],
        'EvidenceChain(ancestorsOf: deepest, first: 100) (Chain to the core, one page)': [EVIDENCE_CHAIN, { id: cluster, member: deepest, first: 100 }],
        'EvidenceChain of the deepest member, every page (sum of the sequential requests)': wholeChain,
        'EvidenceStepRecords of the deepest member (open a step)': [STEP_RECORDS, { id: cluster, member: deepest, first: 20 }],
      } : {}),
      'floor: cluster { id }': floor,
    },
    'what the page sent before': {
      'Cluster, graph in full': [FULL_CLUSTER, { id: cluster }],
      'EvidenceChains(first: 5) (deprecated)': [CHAINS_BEFORE, { id: cluster, first: 5 }],
      'floor: cluster { id }': floor,
    },
  };
  const rounds = breakdown ? 30 : calls;
  const size = (b) => (b < 1024 ? `${b} B` : `${(b / 1024).toFixed(b < 102400 ? 1 : 0)} KiB`);
  for (const [setName, queries] of Object.entries(rounds > 0 ? sets : {})) {
    const lat = Object.fromEntries(Object.keys(queries).map((n) => [n, { first: 0, times: [], bytes: 0 }]));
    for (let i = 0; i < rounds + 10; i++) {
      for (const [name, doc] of Object.entries(queries)) {
        const { ms: t, text, bytes, requests } = typeof doc === 'function' ? await doc() : await post(doc);
        if (text.includes('"errors"')) throw new Error(`${name}: ${text.slice(0, 300)}`);
        if (i === 0) lat[name].first = t;
        else if (i >= 10) lat[name].times.push(t);
        lat[name].bytes = bytes ?? Buffer.byteLength(text);
        lat[name].requests = requests;
      }
    }
    console.log(`-- ${setName} (round robin)`);
    for (const [name, l] of Object.entries(lat)) {
      console.log(`GraphQL ${name}: p50 ${q(l.times, 0.5).toFixed(1)} ms, p99 ${q(l.times, 0.99).toFixed(1)} ms, max ${Math.max(...l.times).toFixed(1)} ms over ${l.times.length} calls after 10 warm-up rounds (first call ${l.first.toFixed(0)} ms); ${size(l.bytes)}${l.requests ? ` in ${l.requests} requests` : ''}`);
    }
  }
  if (!breakdown && opt('renderers', 1) > 0) {
    // 3. sigma.js vs cytoscape.js on the same graph
    const bundle = await build({ entryPoints: [path.join(here, 'renderers.js')], bundle: true, minify: true, format: 'iife', write: false, logLevel: 'warning', nodePaths: [path.join(here, '../../web/node_modules')] });
    const data = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: FULL_CLUSTER, variables: { id: cluster } }) })).json();
    for (const name of ['benchSigma', 'benchCytoscape']) {
      const results = [];
      for (let i = 0; i < 3; i++) {
        const page = await browser.newPage();
        await page.setViewport({ width: 1400, height: 900 });
        await page.setContent('<!doctype html><div id="g" style="width:1300px;height:800px"></div>');
        await page.addScriptTag({ content: bundle.outputFiles[0].text });
        results.push(await page.evaluate((fn, g) => window[fn](g, document.getElementById('g')), name, data.data.cluster.graph));
        await page.close();
      }
      const r = results[results.length - 1];
      console.log(`${name === 'benchSigma' ? 'sigma.js (WebGL)' : 'cytoscape.js (canvas)'}: ${r.nodes} nodes, ${r.edges} edges; first frame median ${ms(q(results.map((x) => x.firstFrame), 0.5))}, pan/zoom ${q(results.map((x) => x.perFrame), 0.5).toFixed(1)} ms per frame`);
    }
  }
} finally {
  await browser.close();
}
