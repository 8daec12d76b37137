#!/usr/bin/env node
// Opens GraphiQL of a running `distill serve` in headless Chromium (Debian package; nothing downloaded), pastes an API
// key into the page's key field, runs the default query (top flagged clusters) and checks the result.
//
//   node graphiql-e2e.mjs URL KEY [--screenshot=FILE]
// Prints "ok - ..." / "not ok - ..." per check; exit code 1 when any check failed.
import puppeteer from 'puppeteer-core';

const [base = 'http://127.0.0.1:5080', key = ''] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const screenshot = process.argv.find((a) => a.startsWith('--screenshot='))?.split('=')[1];
let failed = 0;
const check = (ok, what, detail = '') => { console.log(`${ok ? 'ok' : 'not ok'} - ${what}${!ok && detail ? ` (${detail})` : ''}`); if (!ok) failed++; };

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const errors = [];
  const external = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Inline data:/blob: URLs (the CSS's embedded fonts) stay inside the page; anything else must come from the server.
page.on('request', (r) => { const u = r.url(); if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u.slice(0, 120)); });
  const posts = [];
  page.on('request', (r) => { if (r.url().endsWith('/graphql') && r.method() === 'POST') posts.push(r.headers().authorization ?? ''); });
  const response = await page.goto(`${base}/graphql`, { waitUntil: 'networkidle0' });
  check(response?.status() === 200, 'GraphiQL page served at /graphql without a key');
  await page.waitForSelector('#need-key', { timeout: 15000 });
  check(posts.length === 0, 'no request is sent before a key is entered', `${posts.length} sent`);
  await page.type('#api-key', key);
  const schema = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('__schema'), { timeout: 15000 });
  await page.$eval('#api-key', (el) => el.dispatchEvent(new Event('change')));
  await page.waitForSelector('.graphiql-execute-button', { timeout: 15000 });
  check(true, 'GraphiQL rendered once the key was entered');
  check((await schema).status() === 200, 'the schema was fetched once the key was entered');
  await new Promise((r) => setTimeout(r, 1000));
  check(posts.length >= 1 && posts.every((h) => h === `Bearer ${key}`), 'the schema was fetched with the key', `${posts.length} requests`);
  const run = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('TopClusters'), { timeout: 15000 });
  await page.click('.graphiql-execute-button');
  const answer = await run;
  check(answer.status() === 200, 'the query was sent with the key and answered 200', `status ${answer.status()}`);
  await page.waitForFunction(() => (document.querySelector('.result-window')?.textContent ?? '').includes('totalCount'), { timeout: 15000 });
  const text = await page.$eval('.result-window', (el) => el.textContent ?? '');
  check(/"id":\s*"c-\d+"/.test(text.replace(/\s+/g, ' ')) || text.includes('c-0'), 'the result pane shows flagged clusters', text.slice(0, 200));
  check(errors.length === 0, 'no page errors', errors.join('; '));
  check(external.length === 0, 'nothing loaded from outside the server (no CDN)', external.join(', '));
  if (screenshot) await page.screenshot({ path: screenshot });
} catch (e) {
  check(false, 'GraphiQL test ran', e.message);
  if (screenshot) await browser.pages().then((p) => p.at(-1)?.screenshot({ path: screenshot })).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
