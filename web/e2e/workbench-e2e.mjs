#!/usr/bin/env node
// The investigator workbench end to end in headless Chromium (Debian's /usr/bin/chromium via puppeteer-core; nothing
// downloaded) against a running `distill serve`: sign-in, cluster list and filters, a flagged cluster's graph (node
// count checked against the API), timeline, evidence, a verdict that shows in the audit trail, a pack download that
// `distill verify-pack` accepts, account view and look-up; then a role without rights sees no action and the API
// refuses it anyway. Screenshots of every page go to --artifacts=DIR.
//
//   node e2e/workbench-e2e.mjs URL --admin=KEY --investigator=KEY --distill=PATH --artifacts=DIR
// Prints "ok - ..." / "not ok - ..." per check; exit code 1 when any check failed.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { FEATURES } from '../src/features.js';

const opt = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const base = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'http://127.0.0.1:5080';
const keys = { admin: opt('admin'), investigator: opt('investigator') };
const distill = opt('distill');
const artifacts = path.resolve(opt('artifacts') ?? 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const downloads = fs.mkdtempSync(path.join(artifacts, 'downloads-'));
let failed = 0;
const check = (ok, what, detail = '') => { console.log(`${ok ? 'ok' : 'not ok'} - ${what}${!ok && detail ? ` (${String(detail).slice(0, 300)})` : ''}`); if (!ok) failed++; };
const shot = async (page, name, element) => {
  const file = path.join(artifacts, `${name}.png`);
  if (element) await (await page.$(element)).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
};

async function gql(key, query, variables = {}) {
  const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  return r.json();
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const requested = [];
const errors = [];
async function newPage(isolated = true) {
  const page = isolated ? await (await browser.createBrowserContext()).newPage() : await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requested.push({ url: r.url(), method: r.method(), headers: r.headers() }));
  return page;
}

try {
  // ---- sign in (the default browser context, where downloads are allowed into the downloads folder) ----
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  const page = await newPage(false);
  const first = await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  check(first?.status() === 200, 'the workbench is served at / without a key');
  check(/default-src 'self'/.test(first?.headers()['content-security-policy'] ?? ''), 'the page carries a content security policy');
  await page.waitForSelector('#api-key');
  check(!requested.some((r) => r.url.endsWith('/graphql')), 'no GraphQL request before a key is entered');
  await shot(page, '01-sign-in');
  await page.type('#api-key', keys.admin);
  await Promise.all([page.waitForSelector('#cluster-table tbody tr', { timeout: 30000 }), page.click('#sign-in button[type=submit]')]);
  const role = await page.$eval('#viewer', (el) => el.dataset.role);
  check(role === 'ADMIN', 'signed in: the page knows the key\'s role', role);
  check(await page.evaluate(() => window.sessionStorage.getItem('distill.apiKey')?.startsWith('dk_') === true), 'the key is kept in sessionStorage');

  // ---- clusters list ----
  const rows = await page.$$eval('#cluster-table tbody tr', (trs) => trs.length);
  const total = (await gql(keys.admin, '{ clusters(first: 1) { totalCount } }')).data.clusters.totalCount;
  check(rows === Math.min(25, total), 'the list shows the first page of clusters', `${rows} rows of ${total}`);
  await shot(page, '02-clusters');
  await page.select('#filters select[name=flagged]', 'true');
  await page.$eval('#filters input[name=minSize]', (el) => { el.value = '5'; });
  await Promise.all([page.waitForFunction(() => window.location.hash.includes('flagged=true')), page.click('#filters button[type=submit]')]);
  await page.waitForSelector('#cluster-table tbody tr');
  const flaggedRows = await page.$$eval('#cluster-table tbody tr', (trs) => trs.map((t) => ({ id: t.dataset.cluster, flagged: t.classList.contains('flagged'), size: Number(t.children[3].textContent.replace(/\D/g, '')), risk: Number(t.children[1].textContent) })));
  check(flaggedRows.length > 0 && flaggedRows.every((r) => r.flagged && r.size >= 5), 'filters: flagged and size ≥ 5 only', JSON.stringify(flaggedRows.slice(0, 3)));
  check(flaggedRows.every((r, i) => i === 0 || flaggedRows[i - 1].risk >= r.risk), 'sorted by risk, highest first');
  await Promise.all([page.waitForFunction(() => window.location.hash.includes('sort=size')), page.click('a[data-sort=size]')]);
  await page.waitForSelector('#cluster-table[data-loaded*="sort=size"]');
  const sizes = await page.$$eval('#cluster-table tbody tr', (trs) => trs.map((t) => Number(t.children[3].textContent.replace(/\D/g, ''))));
  check(sizes.length > 0 && sizes.every((s, i) => i === 0 || sizes[i - 1] >= s), 'a click on Size sorts by size', sizes.join(','));
  await shot(page, '03-clusters-flagged-by-size');

  // ---- a flagged cluster ----
  const target = flaggedRows.sort((a, b) => b.size - a.size)[0].id;
  await Promise.all([page.waitForSelector('#graph[data-ready=true]', { timeout: 60000 }), page.click(`tr[data-cluster="${target}"] a`)]);
  const expected = (await gql(keys.admin, 'query($id: ID!) { cluster(id: $id) { size graph { members { id } resources { kind } } } }', { id: target })).data.cluster;
  const nodeCount = await page.$eval('#graph', (el) => Number(el.dataset.nodeCount));
  check(nodeCount === expected.graph.members.length + expected.graph.resources.length && expected.graph.members.length === expected.size,
    `the graph of ${target} shows every member and shared resource`, `${nodeCount} nodes, expected ${expected.size} + ${expected.graph.resources.length}`);
  check(await page.$$eval('#graph canvas', (c) => c.length > 0), 'the graph is drawn (WebGL canvases)');
  // Hover a member node: sigma reports it; find its screen position through the renderer's own hit test is not public,
  // so hover the graph's centre, which holds the largest crew's first members.
  // Labels: placed greedily (web/src/labels.js), no two boxes overlapping, the hubs before any member.
  const labels = await page.evaluate(() => window.__workbench.labels.placed.map((l) => ({ id: l.id, x: l.x, y: l.y, w: l.w, h: l.h })));
  const overlapping = labels.filter((a, i) => labels.some((b, j) => j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h));
  check(labels.length > 0 && overlapping.length === 0, 'graph labels are drawn and no two overlap', `${labels.length} labels, ${overlapping.length} overlapping`);
  const hubKinds = /^(PAYMENT_FINGERPRINT|IP|ASN|PROMPT_FINGERPRINT|CLIENT):/;
  check(expected.graph.resources.length === 0 || hubKinds.test(labels[0]?.id ?? ''), 'the first label placed is a hub\'s', labels[0]?.id);
  await shot(page, '04-cluster-graph', '#graph-section');
  // Hover and zoom into the centre (the largest crew and the hubs it shares): details show, the rest dims.
  const box = await (await page.$('#graph')).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel({ deltaY: -300 });
  await new Promise((r) => setTimeout(r, 400));
  // Where a node sits depends on the cluster's layout: sweep a grid over the canvas until the pointer is on one.
  let hover = '';
  for (let i = 0; i < 81 && !/members|depth/.test(hover); i++) {
    const x = box.x + box.width * (0.1 + 0.1 * (i % 9));
    const y = box.y + box.height * (0.1 + 0.1 * Math.floor(i / 9));
    await page.mouse.move(x, y);
    await new Promise((r) => setTimeout(r, 60));
    hover = await page.$eval('#graph-info', (el) => el.textContent);
  }
  check(/members|depth/.test(hover), 'hovering a node shows its details', hover);
  await shot(page, '04b-cluster-graph-hover', '#graph-section');
  await page.waitForSelector('#timeline-section[data-rows]');
  const timeline = await page.$eval('#timeline-section', (el) => ({ rows: Number(el.dataset.rows), columns: Number(el.dataset.columns), g: el.dataset.granularity }));
  check(timeline.rows > 0 && timeline.columns > 0 && timeline.g === 'HOUR', 'the timeline heatmap renders by hour', JSON.stringify(timeline));
  await shot(page, '05-timeline-hour', '#timeline-section');
  await page.click('button[data-granularity=DAY]');
  await page.waitForSelector('#timeline-section[data-granularity=DAY]');
  const days = await page.$eval('#timeline-section', (el) => Number(el.dataset.columns));
  check(days > 0 && days <= timeline.columns, 'and by day', `${days} day columns`);
  await shot(page, '06-timeline-day', '#timeline-section');
  await page.click('#show-chains');
  await page.waitForSelector('#steps li.step-item');
  const featureRows = await page.$$eval('#features tbody tr', (t) => t.length);
  check(featureRows === FEATURES.length, 'features are listed with what each means', `${featureRows} rows, ${FEATURES.length} features`);
  // Evidence steps: a page of the tree (each member's step once, the core first); open one for its source records;
  // "Chain to the core" lists a member's steps up to the core.
  const tree = (await gql(keys.admin, 'query($id: ID!) { cluster(id: $id) { size evidenceRoot evidenceSteps(first: 20) { nodes { account depth } } } }', { id: target })).data.cluster;
  const shown = await page.$$eval('#steps > li.step-item > details', (ds) => ds.map((d) => ({ account: d.dataset.account, depth: Number(d.dataset.depth) })));
  check(shown.length === tree.evidenceSteps.nodes.length && shown.every((s, i) => s.account === tree.evidenceSteps.nodes[i].account) && shown[0]?.account === tree.evidenceRoot,
    'evidence steps: the first page of the tree, the core first', JSON.stringify(shown.slice(0, 3)));
  const deepest = shown.reduce((a, b) => (b.depth > a.depth ? b : a), shown[0]);
  await page.evaluate((a) => { document.querySelector(`#steps details[data-account="${CSS.escape(a)}"]`).open = true; }, deepest.account);
  await page.waitForSelector('#steps details[data-loaded=true] ul.provenance li', { timeout: 20000 });
  const provenance = await page.$$eval('#steps details[data-loaded=true] ul.provenance li', (li) => li.map((x) => x.textContent));
  check(provenance.length > 0 && provenance.every((t) => / of /.test(t)), 'opening a step loads the source records behind its links', provenance.slice(0, 2).join(' | '));
  await page.evaluate((a) => document.querySelector(`#steps li.step-item[data-account="${CSS.escape(a)}"] > button.show-chain`)?.click(), deepest.account);
  await page.waitForSelector('#steps ol.chain', { timeout: 20000 });
  const chain = await page.$eval('#steps ol.chain', (ol) => [...ol.children].map((li) => li.dataset.account));
  check(deepest.depth > 0 && chain.length === deepest.depth + 1 && chain[0] === deepest.account && chain.at(-1) === tree.evidenceRoot,
    'a member\'s chain to the core: one step per level, ending at the core', `${deepest.account} depth ${deepest.depth}: ${chain.join(' → ')}`);
  check(await page.$('#attribution') !== null, 'the attribution section is shown');
  await shot(page, '07-evidence', '#evidence-section');

  // ---- actions: verdict, audit trail, pack ----
  // No long digit run in the note: the audit trail redacts Luhn-valid ones as possible card numbers (a 13-digit
  // millisecond timestamp is one in ten), and the check below looks for the note as written.
  const note = `e2e verdict ${Date.now().toString(36)}`;
  await page.select('#verdict', 'CONFIRMED');
  await page.type('#verdict-note', note);
  await page.click('#verdict-form button[type=submit]');
  await page.waitForFunction((n) => document.querySelector('#verdicts')?.textContent.includes(n), { timeout: 20000 }, note);
  check(true, 'a verdict is recorded and shows on the cluster');
  await shot(page, '08-actions', '#actions');
  await page.click('#request-pack');
  let zip = null;
  for (let i = 0; i < 120 && !zip; i++) {
    await new Promise((r) => setTimeout(r, 250));
    zip = fs.readdirSync(downloads).find((f) => f.endsWith('.zip'));
  }
  check(zip !== undefined && zip !== null && zip.startsWith(`${target}-`), 'the evidence pack downloads', zip ?? 'no file');
  if (zip && distill) {
    try {
      const out = execFileSync(distill, ['verify-pack', path.join(downloads, zip)], { encoding: 'utf8' });
      check(true, `distill verify-pack accepts the downloaded pack: ${out.trim().split('\n')[0].slice(0, 100)}`);
    } catch (e) {
      check(false, 'distill verify-pack accepts the downloaded pack', e.stdout || e.message);
    }
  }
  await page.goto(`${base}/#/audit`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#audit-table tbody tr');
  const audit = await page.$$eval('#audit-table tbody tr', (trs) => trs.map((t) => t.textContent));
  check(audit.some((t) => t.includes('RecordVerdict') && t.includes(note)), 'the verdict appears in the audit trail');
  check(audit.some((t) => t.includes('DownloadEvidencePack') && t.includes(target) && t.endsWith('ok')), 'the download appears in the audit trail');
  await shot(page, '09-audit-trail');

  // ---- account view and look-up ----
  const member = expected.graph.members[0].id;
  await page.goto(`${base}/#/account/${encodeURIComponent(member)}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#account h1');
  check((await page.$eval('#account', (el) => el.textContent)).includes(target), 'the account view links back to its cluster');
  const ip = await page.$$eval('#account a[href*="kind=IP"]', (a) => a[0]?.textContent ?? null);
  await shot(page, '10-account');
  if (ip) {
    await Promise.all([page.waitForSelector('#lookup-results h2'), page.click('#account a[href*="kind=IP"]')]);
    const clusters = await page.$$eval('#lookup-results a[href^="#/cluster/"]', (a) => a.map((x) => x.textContent));
    check(clusters.includes(target), `look-up of IP ${ip} lists the cluster`, clusters.join(','));
    await shot(page, '11-lookup');
  } else {
    check(false, 'the account has an IP to look up');
  }

  // ---- a role without rights ----
  const weak = await newPage();
  await weak.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await weak.waitForSelector('#api-key');
  await weak.type('#api-key', keys.investigator);
  await Promise.all([weak.waitForSelector('#cluster-table tbody tr'), weak.click('#sign-in button[type=submit]')]);
  await weak.goto(`${base}/#/cluster/${encodeURIComponent(target)}`);
  await weak.waitForSelector('#graph[data-ready=true]', { timeout: 60000 });
  const visible = await weak.evaluate(() => ({ none: !!document.querySelector('#no-actions'), verdict: !!document.querySelector('#verdict-form'), override: !!document.querySelector('#override-form'), pack: !!document.querySelector('#request-pack'), audit: !!document.querySelector('nav a[href="#/audit"]') }));
  check(visible.none && !visible.verdict && !visible.override && !visible.pack && !visible.audit, 'an investigator sees no action and no audit trail', JSON.stringify(visible));
  await shot(weak, '12-investigator-no-actions', '#actions');
  const refused = await weak.evaluate(async (id) => {
    const key = window.sessionStorage.getItem('distill.apiKey');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const verdict = await (await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: 'mutation($c: ID!) { recordVerdict(clusterId: $c, verdict: DISMISSED) { id } }', variables: { c: id } }) })).json();
    const pack = await fetch(`/evidence-packs/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${key}` } });
    return { code: verdict.errors?.[0]?.extensions?.code ?? null, pack: pack.status };
  }, target);
  check(refused.code === 'FORBIDDEN' && refused.pack === 403, 'and the API refuses the verdict and the download anyway', JSON.stringify(refused));

  // ---- hygiene over the whole session ----
  check(errors.length === 0, 'no page errors', errors.join('; '));
  const outside = requested.filter((r) => !r.url.startsWith(base) && !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
  check(outside.length === 0, 'nothing loaded from outside the server (no CDN)', outside.map((r) => r.url).join(', '));
  const leaked = requested.filter((r) => Object.values(keys).some((k) => k && r.url.includes(k)));
  check(leaked.length === 0, 'no API key in any URL');
  const unauthenticated = requested.filter((r) => r.url.startsWith(`${base}/graphql`) && r.method === 'POST' && !r.headers.authorization);
  check(unauthenticated.length === 0, 'every GraphQL request carried the key', `${unauthenticated.length} without`);
} catch (e) {
  check(false, 'workbench test ran to the end', e.stack ?? e.message);
} finally {
  await browser.close();
  fs.rmSync(downloads, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
