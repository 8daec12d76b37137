#!/usr/bin/env node
// Builds the static GraphiQL page of `distill serve` from npm packages (GraphiQL 3 UMD + React 18 UMD, no CDN, no
// bundler). The page asks for an API key, keeps it for the tab (sessionStorage) and sends it as `Authorization: Bearer`;
// nothing is requested before a key is entered, and the schema is fetched again whenever the key changes.
//
//   node build-graphiql.mjs [--out=DIR]      (default: ../../src/Distill.Attribution.Api/graphiql)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=').slice(1).join('=');
const out = path.resolve(arg('out', path.join(here, '../../src/Distill.Attribution.Api/graphiql')));
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`));
const version = (name) => require(`${name}/package.json`).version;

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
for (const [from, to] of [
  [path.join(packageDir('react'), 'umd/react.production.min.js'), 'react.production.min.js'],
  [path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), 'react-dom.production.min.js'],
  [path.join(packageDir('graphiql'), 'graphiql.min.js'), 'graphiql.min.js'],
  [path.join(packageDir('graphiql'), 'graphiql.min.css'), 'graphiql.min.css'],
]) fs.copyFileSync(from, path.join(out, to));

const defaultQuery = `# Distill.Attribution investigator API. Paste your API key above, then run:
query TopClusters {
  clusters(flagged: true, first: 5) {
    totalCount
    nodes {
      id riskScore size
      operator { id name confidence matchedIndicators { kind value confidence } }
      features { synchrony templateConcentration capabilityConcentration releasePivot paymentSharing }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

fs.writeFileSync(path.join(out, 'app.js'), `// GraphiQL for the investigator API; built from graphiql@${version('graphiql')}, react@${version('react')}.
// Nothing is sent before a key is entered (GraphiQL fetches the schema as soon as it mounts, so it mounts only then),
// and a new key remounts it, which fetches the schema again with that key. The key is kept for this tab only
// (sessionStorage, shared with the workbench at /), never in the URL.
(function () {
  var storageKey = 'distill.apiKey';
  var keyInput = document.getElementById('api-key');
  var container = document.getElementById('graphiql');
  window.localStorage.removeItem(storageKey); // earlier builds kept the key in localStorage
  keyInput.value = window.sessionStorage.getItem(storageKey) || '';
  var endpoint = new URL('/graphql', window.location.href).toString();
  var root = ReactDOM.createRoot(container);
  var mounts = 0;
  var mountedKey = null;
  function fetcher(params) {
    var key = (keyInput.value || '').trim();
    if (!key) return Promise.resolve({ errors: [{ message: 'Enter your API key above first.' }] });
    var headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', Authorization: 'Bearer ' + key };
    return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (response) {
      return response.text().then(function (text) {
        try { return JSON.parse(text); } catch (e) { return { errors: [{ message: 'HTTP ' + response.status + ': ' + text }] }; }
      });
    });
  }
  function render() {
    var key = (keyInput.value || '').trim();
    // 'change' fires again when the field loses focus: only a different key remounts (and refetches the schema).
    if (key === mountedKey) return;
    mountedKey = key;
    if (!key) {
      root.render(React.createElement('p', { id: 'need-key', style: { padding: '16px' } }, 'Paste your API key above (from distill keys create); the schema loads once it is entered.'));
      return;
    }
    var props = { key: 'graphiql-' + (++mounts), fetcher: fetcher, defaultQuery: ${JSON.stringify(defaultQuery)}, defaultEditorToolsVisibility: true };
    if (window.GRAPHIQL_QUERY) props.query = window.GRAPHIQL_QUERY;
    root.render(React.createElement(GraphiQL, props));
  }
  keyInput.addEventListener('change', function () {
    var key = keyInput.value.trim();
    if (key) window.sessionStorage.setItem(storageKey, key); else window.sessionStorage.removeItem(storageKey);
    render();
  });
  render();
})();
`);

fs.writeFileSync(path.join(out, 'index.html'), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Distill.Attribution · GraphiQL</title>
  <style>
    html, body { height: 100%; margin: 0; overflow: hidden; font-family: system-ui, sans-serif; }
    #bar { height: 40px; display: flex; align-items: center; gap: 8px; padding: 0 12px; border-bottom: 1px solid #ddd; }
    #bar input { flex: 1; max-width: 640px; font-family: monospace; }
    #graphiql { height: calc(100% - 41px); }
  </style>
  <link rel="stylesheet" href="graphiql.min.css" />
</head>
<body>
  <div id="bar"><label for="api-key">API key</label><input id="api-key" type="password" autocomplete="off" placeholder="dk_... (kept in this tab only)" /></div>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="react.production.min.js"></script>
  <script src="react-dom.production.min.js"></script>
  <script src="graphiql.min.js"></script>
  <script src="app.js"></script>
</body>
</html>
`);
const files = fs.readdirSync(out);
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
console.log(`GraphiQL ${version('graphiql')} written to ${out}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
