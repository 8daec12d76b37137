#!/usr/bin/env node
// Where the server's time goes, per GraphQL operation, from the spans `distill serve` prints with
// DISTILL_OTEL_CONSOLE=1 (OpenTelemetry's console exporter): for each POST /graphql, the HTTP span (everything the
// server did for the request), graphql.request (parse, validate, analyse, execute, then the observers: the audit
// entry) and graphql.execute (resolvers and completion of the result tree). What is outside graphql.request is
// authentication, rate limiting, reading the body and writing the JSON response. Medians and p90 over the calls.
//   node trace-summary.mjs SERVE_LOG
import fs from 'node:fs';

const text = fs.readFileSync(process.argv[2], 'utf8');
const traces = new Map();
for (const block of text.split(/\n(?=Activity\.TraceId:)/)) {
  const field = (name) => new RegExp(`^\\s*${name}:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim();
  const trace = field('Activity\\.TraceId');
  const name = field('Activity\\.DisplayName');
  const duration = field('Activity\\.Duration');
  if (!trace || !name || !duration) continue;
  const [h, m, sec] = duration.split(':').map(Number);
  const ms = ((h * 60 + m) * 60 + sec) * 1000;
  if (!traces.has(trace)) traces.set(trace, {});
  const t = traces.get(trace);
  t[name] = ms;
  if (name === 'graphql.request') t.operation = field('graphql\\.operation\\.name') ?? '(anonymous)';
}
const byOperation = new Map();
for (const t of traces.values()) {
  if (t['POST /graphql'] === undefined || t['graphql.request'] === undefined) continue;
  const parts = {
    'HTTP span': t['POST /graphql'],
    'outside the executor (auth, body, JSON writing)': t['POST /graphql'] - t['graphql.request'],
    'execute (resolvers, completion)': t['graphql.execute'] ?? 0,
    'parse + validate (first call only)': (t['graphql.parse'] ?? 0) + (t['graphql.validate'] ?? 0),
    'rest of the executor (analysis, audit entry)': t['graphql.request'] - (t['graphql.execute'] ?? 0) - (t['graphql.parse'] ?? 0) - (t['graphql.validate'] ?? 0),
  };
  if (!byOperation.has(t.operation)) byOperation.set(t.operation, []);
  byOperation.get(t.operation).push(parts);
}
const quantile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
for (const [operation, calls] of byOperation) {
  console.log(`${operation} (${calls.length} calls; median / p90 ms)`);
  for (const part of Object.keys(calls[0])) {
    const xs = calls.map((c) => c[part]);
    console.log(`  ${part.padEnd(50)} ${quantile(xs, 0.5).toFixed(1).padStart(7)} / ${quantile(xs, 0.9).toFixed(1).padStart(7)}`);
  }
}
