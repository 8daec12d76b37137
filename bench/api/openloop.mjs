// Open-loop load generator: sends one request every 1000/RATE ms on a fixed schedule, whether or not earlier ones
// have answered (unlike wrk's closed loop, a slow server does not slow the arrivals down). Latency is measured from
// each request's scheduled start, so a stall counts for every request it delays (no coordinated omission).
//   node openloop.mjs URL KEY BODY_FILE RATE SECONDS   -> prints one JSON line (BODY_FILE '-': GET URL, no body)
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [url, key, bodyFile, rateText, secondsText] = process.argv.slice(2);
const get = bodyFile === '-';
const body = get ? Buffer.alloc(0) : readFileSync(bodyFile);
const rate = Number(rateText);
const seconds = Number(secondsText);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
const latencies = [];
let errors = 0;
let errorSample = null;
const total = Math.round(rate * seconds);
const intervalMs = 1000 / rate;
const start = performance.now();

function send(scheduled) {
  return new Promise((resolve) => {
    const request = http.request({
      host: target.hostname, port: target.port, path: target.pathname, method: get ? 'GET' : 'POST', agent,
      headers: get ? {} : { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'content-length': body.length },
    }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        latencies.push(performance.now() - scheduled);
        const text = Buffer.concat(chunks).toString();
        if (response.statusCode !== 200 || text.includes('"errors"')) {
          errors++;
          errorSample ??= `${response.statusCode} ${text.slice(0, 200)}`;
        }
        resolve();
      });
    });
    request.on('error', (e) => { errors++; errorSample ??= String(e); latencies.push(performance.now() - scheduled); resolve(); });
    request.end(get ? undefined : body);
  });
}

const pending = [];
for (let i = 0; i < total; i++) {
  const scheduled = start + i * intervalMs;
  const wait = scheduled - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  pending.push(send(scheduled));
}
await Promise.all(pending);
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(JSON.stringify({
  rate, seconds, sent: total, answered: latencies.length, errors, errorSample,
  achievedPerSecond: +(total / elapsed).toFixed(1),
  p50: +q(0.5).toFixed(1), p90: +q(0.9).toFixed(1), p99: +q(0.99).toFixed(1), max: +latencies[latencies.length - 1].toFixed(1),
}));
agent.destroy();
