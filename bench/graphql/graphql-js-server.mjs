// graphql-js reference server for bench/graphql/run.sh: the same schema and data as
// tests/Distill.GraphQL.SampleServer (SampleSchema.cs / SampleData.cs), served by graphql-http's Node handler.
//   node graphql-js-server.mjs --port=PORT
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schema, rootValue } from './sample-schema.mjs';

// The packages live in tools/graphql (one package.json, one lock file for the project's node tooling).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tools/graphql/package.json'));
const { createHandler } = require('graphql-http/lib/use/http');

const port = Number((process.argv.find((a) => a.startsWith('--port=')) ?? '--port=4000').slice(7));

const handler = createHandler({ schema, rootValue });
http.createServer((req, res) => {
  if (req.url.startsWith('/healthz')) { res.writeHead(200).end('ok'); return; }
  if (!req.url.startsWith('/graphql')) { res.writeHead(404).end(); return; }
  handler(req, res);
}).listen(port, '127.0.0.1', () => console.log(`graphql-js listening on http://127.0.0.1:${port}/graphql`));
