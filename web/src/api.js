// The page's only way to the server: POST /graphql with the session's key as a Bearer token (and the pack download
// endpoint, same header). Every operation is named, so the audit trail says what the page did.

export class ApiError extends Error {
  constructor(message, { status = 0, code = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function createApi({ getKey, onUnauthorized = () => {}, fetchImpl = (...a) => window.fetch(...a) }) {
  async function request(operationName, query, variables = {}) {
    const response = await fetchImpl('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', Authorization: `Bearer ${getKey()}` },
      body: JSON.stringify({ query, variables, operationName }),
    });
    if (response.status === 401) {
      onUnauthorized();
      throw new ApiError('The API key was refused; sign in again.', { status: 401 });
    }
    let body;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`The server answered ${response.status} without JSON.`, { status: response.status });
    }
    if (body.errors?.length) {
      const e = body.errors[0];
      throw new ApiError(e.message, { status: response.status, code: e.extensions?.code ?? null });
    }
    return body.data;
  }

  /** Fetches a pack with the key in a header and hands it to the browser as a file (no key in any URL). */
  async function downloadPack(clusterId) {
    const response = await fetchImpl(`/evidence-packs/${encodeURIComponent(clusterId)}`, { headers: { Authorization: `Bearer ${getKey()}` } });
    if (!response.ok) {
      let message = `HTTP ${response.status}`;
      try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
      throw new ApiError(message, { status: response.status });
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${clusterId}.zip`;
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { name, bytes: blob.size };
  }

  return { request, downloadPack };
}
