#!/usr/bin/env node
// Appends one large synthetic harvesting campaign to a generated data set (DIR/input/*.csv), so the workbench
// benchmark has a cluster of about MEMBERS accounts (the generator's largest cluster is ~1,800 even at scale 1).
// Crews of 50 accounts share a card and a datacenter IP, every account also uses two exits of a pool of 60; all crews share three prompt templates and one client,
// fire in lockstep bursts (within seconds of each other) and pivot to nova-3.5 within hours of its release.
//
//   node add-campaign.mjs DIR [--members=2000] [--requests=48]
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) { console.error('usage: add-campaign.mjs DIR [--members=2000] [--requests=48]'); process.exit(2); }
const arg = (name, fallback) => Number((process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=')[1]);
const members = arg('members', 2000);
const perAccount = arg('requests', 48);
const crewSize = 50;
const input = path.join(dir, 'input');
let seed = 1234567;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const iso = (ms) => new Date(ms).toISOString();

const accounts = [];
const payments = [];
const sessions = [];
const requests = [];
const t0 = Date.parse('2026-02-10T00:00:00Z');
const release = Date.parse('2026-02-23T18:00:00Z'); // nova-3.5 in the generator's releases.csv
const templates = [hex(32), hex(32), hex(32)];
// Burst times shared by every account, spread over 10 days and many times of day: half before the release on
// nova-3, half after it on nova-3.5.
const bursts = Array.from({ length: perAccount }, (_, k) => (k < perAccount / 2
  ? release - 10 * 86_400_000 + k * 19_211_000 + Math.floor(rand() * 600_000)
  : release + 3_600_000 + (k - perAccount / 2) * 15_413_000 + Math.floor(rand() * 600_000)));
for (let i = 0; i < members; i++) {
  const id = `bench-${String(i).padStart(5, '0')}`;
  const crew = Math.floor(i / crewSize);
  const ip = `45.${140 + Math.floor(crew / 200)}.${crew % 200}.${10 + (i % 3)}`;
  accounts.push([id, iso(t0 - 86_400_000 * 3 + i * 37_000), `mailbox-${crew % 7}.example`, hex(64), `Bench ${i}`, '', 'self_serve', 'US', 'active'].join(','));
  payments.push([id, `pf_bench_crew_${String(crew).padStart(3, '0')}`, 'card', '400000', 'US', iso(t0 - 86_400_000 * 3 + i * 37_000 + 3_600_000)].join(','));
  sessions.push([id, ip, iso(t0 + 60_000), 200_000 + (crew % 5), 'Bench Hosting LLC', 'datacenter'].join(','));
  // The crews rotate through one pool of 60 proxy exits too: two each, so every crew is tied to many others.
  for (let p = 0; p < 2; p++) {
    sessions.push([id, `45.200.${Math.floor(rand() * 60)}.7`, iso(t0 + 120_000 + p * 60_000), 200_100, 'Bench Proxy LLC', 'datacenter'].join(','));
  }
  for (let k = 0; k < perAccount; k++) {
    const at = bursts[k] + Math.floor(rand() * 20_000);
    const model = bursts[k] >= release ? 'nova-3.5' : 'nova-3';
    requests.push([`rqbench${hex(12)}${k}`, id, iso(at), model, 'reasoning_cot', templates[k % 3], ip, 'harvest-cli/2.1', 900 + Math.floor(rand() * 200), 1800 + Math.floor(rand() * 400)].join(','));
  }
}
for (const [file, rows] of [['accounts.csv', accounts], ['payments.csv', payments], ['sessions.csv', sessions], ['requests.csv', requests]]) {
  const target = path.join(input, file);
  if (!fs.existsSync(target)) {
    // Large scales split a kind into FILE.partN.csv (scale 1: requests): a new FILE.csv needs the parts' header.
    const part = fs.readdirSync(input).filter((f) => f.startsWith(file.replace(/\.csv$/, '.part')) && f.endsWith('.csv')).sort()[0];
    if (!part) throw new Error(`no ${file} nor ${file.replace(/\.csv$/, '.partN.csv')} in ${input}`);
    const header = fs.readFileSync(path.join(input, part), 'utf8').slice(0, 4096).split('\n')[0];
    fs.writeFileSync(target, header + '\n');
  }
  fs.appendFileSync(target, rows.join('\n') + '\n');
}
console.log(`added ${members} accounts in ${Math.ceil(members / crewSize)} crews, ${requests.length} requests`);
