// Live alerts for the page: the alertRaised subscription over GraphQL over Server-Sent Events (graphql-sse's distinct
// connections mode: a POST with Accept: text/event-stream and the session's key as a Bearer token). Opt-in from the
// nav ("Live alerts"): an always-open stream would keep a page from ever being network-idle, which the browser tests
// and a laptop on battery both notice. Reconnects after a stream ends or fails, with a growing delay.

export const ALERT_RAISED = 'subscription AlertToasts { alertRaised { id clusterId kind summary riskScore } }';

/**
 * An incremental text/event-stream parser: feed it decoded text as it arrives; it returns the complete messages
 * ({ event, data }) and keeps a partial one for the next chunk. Comment lines (": keep-alive") are skipped.
 */
export function createEventParser() {
  let buffer = '';
  let event = '';
  let data = null;
  return function parse(text) {
    buffer += text;
    const messages = [];
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (event || data !== null) messages.push({ event: event || 'message', data: data ?? '' });
        event = '';
        data = null;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data = data === null ? value : `${data}\n${value}`;
    }
    return messages;
  };
}

/**
 * Subscribes to alertRaised and calls onAlert(alert) for each one; returns stop(). A refused key (401) stops for good
 * (the page signs out through its own requests); a full server or key (429) and network failures are retried.
 */
export function subscribeAlerts({ getKey, onAlert, onState = () => {}, fetchImpl = (...a) => window.fetch(...a), delays = [1000, 2000, 5000, 15000, 30000] }) {
  let stopped = false;
  let controller = null;
  let attempt = 0;
  let timer = null;

  async function connect() {
    if (stopped) return;
    controller = new AbortController();
    let reason = 'ended';
    try {
      const response = await fetchImpl('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: `Bearer ${getKey()}` },
        body: JSON.stringify({ query: ALERT_RAISED, operationName: 'AlertToasts' }),
        signal: controller.signal,
      });
      if (response.status === 401) { onState('refused'); stopped = true; return; }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onState('live');
      attempt = 0;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parse = createEventParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parse(decoder.decode(value, { stream: true }))) {
          if (message.event === 'complete') break;
          if (message.event !== 'next') continue;
          const result = JSON.parse(message.data);
          if (result.data?.alertRaised) onAlert(result.data.alertRaised);
          else if (result.errors?.length) reason = result.errors[0].extensions?.code ?? result.errors[0].message;
        }
      }
    } catch (e) {
      if (stopped) return;
      reason = e.message;
    }
    if (stopped) return;
    onState(`reconnecting (${reason})`);
    const delay = delays[Math.min(attempt++, delays.length - 1)];
    timer = setTimeout(connect, delay);
  }

  connect();
  return function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
    onState('off');
  };
}
