#!/usr/bin/env node
// End-to-end check of the alertRaised subscription (GraphQL over Server-Sent Events) with the graphql-sse client
// against a running `distill serve`: a wrong key is refused; a subscriber is opened; `distill replay` runs in another
// process on the served store and saves alerts; every alert it raised arrives as an event (latency from the alert's
// updatedAt, written by the replay process, to the event's arrival is printed); the subscriber is closed; a query
// over the event stream gets one result.
//
//   node alert-subscription.mjs URL   (env: DISTILL_KEY_INVESTIGATOR, DISTILL_BIN, DISTILL_STORE, DISTILL_INPUT, DISTILL_WORK;
//   optional DISTILL_REPLAY_BATCH (1d) and DISTILL_REPLAY_MAX_BATCHES (1): bench/live/sse-latency.sh replays more)
// Prints "ok - ..." / "not ok - ..." per check; exit code 1 when any check failed.
import { createClient } from 'graphql-sse';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const url = (process.argv[2] ?? 'http://127.0.0.1:5080') + '/graphql';
const key = process.env.DISTILL_KEY_INVESTIGATOR;
const work = process.env.DISTILL_WORK ?? fs.mkdtempSync('/tmp/distill-sse-');
let failed = 0;
const check = (ok, what, detail = '') => { console.log(`${ok ? 'ok' : 'not ok'} - ${what}${!ok && detail ? ` (${detail})` : ''}`); if (!ok) failed++; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const WATCH = 'subscription Watch { alertRaised { id clusterId kind riskScore operatorId updatedAt } }';

async function waitFor(predicate, ms) {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await sleep(25);
  return predicate();
}

try {
  // 1. A wrong key never gets a stream (no retries, so the refusal is seen at once).
  const intruder = createClient({ url, headers: { Authorization: 'Bearer dk_wrong_key_000000000000000000000000' }, retryAttempts: 0 });
  const refused = await new Promise((resolve) => {
    intruder.subscribe({ query: WATCH, operationName: 'Watch' }, {
      next: () => resolve('got an event'),
      error: (e) => resolve(e?.response?.status ?? String(e)),
      complete: () => resolve('completed'),
    });
  });
  intruder.dispose();
  check(refused === 401, 'a wrong API key is refused with 401 before any stream', String(refused));

  // 2. Subscribe with a real key, then let another process raise alerts.
  const client = createClient({ url, headers: { Authorization: `Bearer ${key}` }, retryAttempts: 0 });
  const received = [];
  const errors = [];
  let completed = false;
  const unsubscribe = client.subscribe({ query: WATCH, operationName: 'Watch' }, {
    next: (result) => received.push({ result, at: Date.now() }),
    error: (e) => errors.push(e),
    complete: () => { completed = true; },
  });
  await sleep(1000); // the POST reaches the server and the subscriber registers with the feed

  const alertsFile = path.join(work, 'sse-alerts.jsonl');
  const replay = spawn(process.env.DISTILL_BIN, ['--store', process.env.DISTILL_STORE, 'replay', process.env.DISTILL_INPUT,
    '--batch', process.env.DISTILL_REPLAY_BATCH ?? '1d', '--max-batches', process.env.DISTILL_REPLAY_MAX_BATCHES ?? '1', '--work', path.join(work, 'sse-replay'), '--alerts', alertsFile,
    '--rejects', path.join(work, 'sse-rejects.jsonl')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let replayOut = '';
  replay.stdout.on('data', (d) => { replayOut += d; });
  replay.stderr.on('data', (d) => { replayOut += d; });
  const code = await new Promise((resolve) => replay.on('close', resolve));
  check(code === 0, 'distill replay ran in another process on the served store', `exit ${code}: ${replayOut.slice(-400)}`);

  const raised = fs.existsSync(alertsFile)
    ? fs.readFileSync(alertsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  check(raised.length > 0, `the replay wrote ${raised.length} alert lines (raised or updated) to its JSON Lines file`);
  const ids = new Set(raised.map((a) => String(a.id)));
  // Every raised or updated line of the file is one event (an update of an alert is an event of its own).
  await waitFor(() => received.length >= raised.length, 10000);
  const got = received.map((r) => r.result.data?.alertRaised).filter(Boolean);
  const gotIds = new Set(got.map((a) => a.id));
  check(errors.length === 0 && received.every((r) => !r.result.errors), 'no errors on the stream', JSON.stringify(errors.map(String)));
  check(ids.size > 0 && [...ids].every((id) => gotIds.has(id)), `every alert the replay raised arrived as an event (${gotIds.size}/${ids.size})`,
    `missing ${[...ids].filter((id) => !gotIds.has(id)).join(',')}`);
  check([...gotIds].every((id) => ids.has(id)), 'no event for an alert the replay did not raise');
  const first = got[0];
  const line = raised.find((a) => String(a.id) === first?.id);
  check(first && line && first.clusterId === line.clusterId && first.kind === line.kind.toUpperCase(),
    `the event carries the alert (${first?.kind} ${first?.clusterId})`, JSON.stringify({ first, line }));

  // Latency: the alert's updatedAt (the replay's clock when it built the alert, before its commit) to the event here.
  check(received.length === raised.length, `one event per raised or updated alert line (${received.length}/${raised.length})`);
  const latencies = received.filter((r) => r.result.data?.alertRaised)
    .map((r) => r.at - Date.parse(r.result.data.alertRaised.updatedAt)).sort((a, b) => a - b);
  if (latencies.length > 0) {
    const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    const runs = new Set(received.map((r) => r.result.data?.alertRaised?.updatedAt)).size;
    console.log(`# latency alert written -> SSE event received: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${latencies[latencies.length - 1]} ms`
      + ` over ${latencies.length} events from ${runs} saves (poll 250 ms)`);
  }

  // 3. Unsubscribe: the client closes the connection; nothing more arrives.
  unsubscribe();
  const before = received.length;
  await sleep(300);
  check(received.length === before, 'nothing arrives after unsubscribing');

  // 4. A query over the event stream: one result, then complete.
  const results = [];
  for await (const result of client.iterate({ query: '{ alerts(first: 1) { totalCount } }' })) results.push(result);
  check(results.length === 1 && results[0].data?.alerts?.totalCount >= ids.size, 'a query over the event stream gets one next event and completes',
    JSON.stringify(results));
  client.dispose();
  void completed;
} catch (e) {
  check(false, 'alert subscription session', e?.stack ?? String(e));
}
process.exit(failed === 0 ? 0 : 1);
