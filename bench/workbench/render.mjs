#!/usr/bin/env node
// Workbench benchmark (numbers printed, nothing asserted): in headless Chromium (SwiftShader WebGL on the CPU),
//   1. first byte to interactive graph for CLUSTER opened at /#/cluster/ID (RUNS fresh tabs; median and max),
//   2. the cluster view's GraphQL queries (Cluster, MemberTimeline by hour, EvidenceChains) p50 / p99 over N calls,
//   3. sigma.js vs cytoscape.js on the same graph: first frame and time per pan/zoom frame.
//   node render.mjs URL KEY CLUSTER [--runs=5] [--calls=200]      (--runs=0 --calls=0: the renderer comparison only)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../web/package.json'));
const puppeteer = (await import(require.resolve('puppeteer-core'))).default;
const { build } = await import(require.resolve('esbuild'));
const [base, key, cluster] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const opt = (n, d) => Number(process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d);
const runs = opt('runs', 5);
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
    console.log(`  run ${i + 1}: first byte ${ms(t.firstByte)} after navigation start, interactive graph ${ms(t.ready - t.firstByte)} after it (${t.nodes} nodes; GraphQL requests ${t.queries.map(ms).join(', ')})`);
    await context.close();
  }
  if (runs > 0) console.log(`first byte to interactive graph, cluster ${cluster} (${nodes} nodes): median ${ms(q(times, 0.5))}, max ${ms(Math.max(...times))} over ${runs} fresh tabs`);

  // 2. GraphQL latency of the cluster view's queries
  const queries = {
    Cluster: 'query($id: ID!) { cluster(id: $id) { id riskScore size features { synchrony } operator { id matchedIndicators { kind value matchedMembers } } counterEvidence { kind count } verdicts { verdict } graph { members { id parent depth matchedIndicators } resources { kind value label members outsideAccounts } links { from to rule weight } resourcesTruncated } } }',
    MemberTimeline: 'query($id: ID!) { cluster(id: $id) { memberActivity(granularity: HOUR) { start bucketMillis bucketCount rows { account buckets requests } } } modelReleases { model releasedAt } }',
    EvidenceChains: 'query($id: ID!) { cluster(id: $id) { evidenceChains(first: 5) { totalCount nodes { account { id } depth steps { account parent links { rule weight summary provenance { kind account value requestId } } } } } } }',
  };
  for (const [name, query] of calls > 0 ? Object.entries(queries) : []) {
    const body = JSON.stringify({ query, variables: { id: cluster } });
    const lat = [];
    let bytes = 0;
    for (let i = 0; i < calls + 10; i++) {
      const t0 = performance.now();
      const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
      const text = await r.text();
      if (i >= 10) lat.push(performance.now() - t0);
      bytes = text.length;
      if (text.includes('"errors"')) { console.log(`  ${name}: ${text.slice(0, 200)}`); break; }
    }
    console.log(`GraphQL ${name}: p50 ${lat.length ? q(lat, 0.5).toFixed(1) : '-'} ms, p99 ${lat.length ? q(lat, 0.99).toFixed(1) : '-'} ms over ${lat.length} sequential calls (${(bytes / 1024).toFixed(0)} KiB each)`);
  }

  // 3. sigma.js vs cytoscape.js on the same graph
  const bundle = await build({ entryPoints: [path.join(here, 'renderers.js')], bundle: true, minify: true, format: 'iife', write: false, logLevel: 'warning', nodePaths: [path.join(here, '../../web/node_modules')] });
  const data = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: queries.Cluster, variables: { id: cluster } }) })).json();
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
} finally {
  await browser.close();
}
