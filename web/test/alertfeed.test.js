import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventParser, subscribeAlerts } from '../src/alertfeed.js';

test('parses next and complete events across chunk boundaries and skips keep-alive comments', () => {
  const parse = createEventParser();
  assert.deepEqual(parse(': keep-alive\n\nevent: next\nda'), []);
  assert.deepEqual(parse('ta: {"data":{"a":1}}\n'), []);
  assert.deepEqual(parse('\nevent: complete\r\ndata:\r\n\r\n'), [
    { event: 'next', data: '{"data":{"a":1}}' },
    { event: 'complete', data: '' },
  ]);
});

test('joins multi-line data with newlines', () => {
  const parse = createEventParser();
  assert.deepEqual(parse('event: next\ndata: a\ndata: b\n\n'), [{ event: 'next', data: 'a\nb' }]);
});

/** A fetch answering each call with the next scripted response: a status and the chunks of an event stream. */
function scriptedFetch(script, calls) {
  return async (url, init) => {
    calls.push({ url, init });
    const step = script.shift() ?? { status: 500, chunks: [] };
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      start(c) { for (const chunk of step.chunks) c.enqueue(encoder.encode(chunk)); c.close(); },
    });
    return { status: step.status, ok: step.status >= 200 && step.status < 300, body };
  };
}

test('delivers each alert, sends the key and the event-stream Accept, and reconnects after the stream completes', async () => {
  const calls = [];
  const alerts = [];
  const states = [];
  const fetchImpl = scriptedFetch([
    { status: 200, chunks: ['event: next\ndata: {"data":{"alertRaised":{"id":"1","clusterId":"c-1"}}}\n\n', ': keep-alive\n\n', 'event: complete\ndata:\n\n'] },
    { status: 429, chunks: ['{"errors":[]}'] },
    { status: 200, chunks: ['event: next\ndata: {"data":{"alertRaised":{"id":"2","clusterId":"c-2"}}}\n\n'] },
  ], calls);
  const stop = subscribeAlerts({ getKey: () => 'dk_test', onAlert: (a) => alerts.push(a.id), onState: (s) => states.push(s), fetchImpl, delays: [5] });
  for (let i = 0; i < 100 && alerts.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
  stop();
  assert.deepEqual(alerts, ['1', '2']);
  assert.equal(calls[0].init.headers.Accept, 'text/event-stream');
  assert.equal(calls[0].init.headers.Authorization, 'Bearer dk_test');
  assert.match(JSON.parse(calls[0].init.body).query, /alertRaised/);
  assert.ok(states.some((s) => s.startsWith('reconnecting (HTTP 429')), states.join(' | '));
});

test('stops for good when the key is refused', async () => {
  const calls = [];
  const states = [];
  subscribeAlerts({ getKey: () => 'dk_bad', onAlert: () => {}, onState: (s) => states.push(s), fetchImpl: scriptedFetch([{ status: 401, chunks: [] }], calls), delays: [1] });
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(calls.length, 1);
  assert.deepEqual(states, ['refused']);
});
