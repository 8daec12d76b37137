#!/usr/bin/env node
// The workbench's "Live alerts" in headless Chromium against a running `distill serve`: an investigator turns them on,
// `distill replay` (another process, on the served store) raises alerts, a toast names an alert's cluster and links to
// it, the cluster list re-renders, and turning live alerts off closes the stream.
//
//   node e2e/live-alerts-e2e.mjs URL --investigator=KEY --distill=PATH --store=PATH --input=DIR --work=DIR --artifacts=DIR
// Prints "ok - ..." / "not ok - ..." per check; exit code 1 when any check failed.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';

const opt = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const base = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'http://127.0.0.1:5080';
const artifacts = path.resolve(opt('artifacts') ?? 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });
let failed = 0;
const check = (ok, what, detail = '') => { console.log(`${ok ? 'ok' : 'not ok'} - ${what}${!ok && detail ? ` (${String(detail).slice(0, 300)})` : ''}`); if (!ok) failed++; };

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await (await browser.createBrowserContext()).newPage();
  // The nav bar re-renders whenever the stream changes state, so a handle found by page.click can be detached before it
  // is clicked; the button is found and clicked in one step inside the page instead.
  const clickLiveAlerts = () => page.$eval('#live-alerts', (b) => b.click());
  await page.setViewport({ width: 1400, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const streams = [];
  page.on('request', (r) => { if (r.headers().accept === 'text/event-stream') streams.push(r.url()); });
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#api-key');
  await page.type('#api-key', opt('investigator'));
  await Promise.all([page.waitForSelector('#clusters-table, #live-alerts', { timeout: 30000 }), page.keyboard.press('Enter')]);
  await page.waitForSelector('#live-alerts');
  check(streams.length === 0, 'no event stream is opened until live alerts are turned on');

  await clickLiveAlerts();
  await page.waitForFunction(() => document.querySelector('#live-alerts')?.title === 'Live alerts: live', { timeout: 15000 });
  check(streams.length === 1, 'turning live alerts on opens one event stream');
  await new Promise((r) => setTimeout(r, 500)); // the subscriber registers with the server's feed

  const alerts = path.join(opt('work'), 'live-alerts.jsonl');
  const replay = spawn(opt('distill'), ['--store', opt('store'), 'replay', opt('input'), '--batch', '1d', '--max-batches', '1',
    '--work', path.join(opt('work'), 'live-alerts-replay'), '--alerts', alerts, '--rejects', path.join(opt('work'), 'live-alerts-rejects.jsonl')], { stdio: 'ignore' });
  const code = await new Promise((resolve) => replay.on('close', resolve));
  check(code === 0, 'distill replay raised alerts in another process', `exit ${code}`);
  const raised = fs.existsSync(alerts) ? fs.readFileSync(alerts, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  await page.waitForSelector('#toasts .toast', { timeout: 15000 }).catch(() => null);
  const toasts = await page.$$eval('#toasts .toast', (ts) => ts.map((t) => ({ id: t.dataset.alert, text: t.textContent, href: t.querySelector('a')?.getAttribute('href') })));
  const known = new Map(raised.map((a) => [String(a.id), a]));
  check(toasts.length > 0 && toasts.every((t) => known.has(t.id)), `a toast for alerts the replay raised (${toasts.length} shown of ${raised.length})`, JSON.stringify(toasts));
  const first = toasts[0];
  check(first && first.text.includes(known.get(first.id)?.clusterId) && first.href === `#/cluster/${known.get(first.id)?.clusterId}`,
    'the toast names the cluster and links to it', JSON.stringify(first));
  await page.screenshot({ path: path.join(artifacts, '12-live-alert-toast.png') });
  await page.$eval('#toasts .toast a', (a) => a.click());
  await page.waitForFunction((id) => window.location.hash === `#/cluster/${id}`, { timeout: 5000 }, known.get(first?.id)?.clusterId).catch(() => null);
  check(await page.evaluate(() => window.location.hash.startsWith('#/cluster/')), 'the toast opens its cluster');

  await clickLiveAlerts();
  const off = await page.waitForFunction(() => { const b = document.querySelector('#live-alerts'); return b?.textContent === 'Live alerts' && b.title === 'Live alerts: off'; }, { timeout: 5000 }).then(() => true, () => false);
  check(off, 'live alerts turn off');
  check(errors.length === 0, 'no page errors', errors.join(' | '));
} catch (e) {
  check(false, 'live alerts session', e?.stack ?? String(e));
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
