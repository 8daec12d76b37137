// graphql-js reference server for bench/graphql/run.sh: the same schema and data as
// tests/Distill.GraphQL.SampleServer (SampleSchema.cs / SampleData.cs), served by graphql-http's Node handler.
//   node graphql-js-server.mjs --port=PORT
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The packages live in tools/graphql (one package.json, one lock file for the project's node tooling).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tools/graphql/package.json'));
const { buildSchema } = require('graphql');
const { createHandler } = require('graphql-http/lib/use/http');

const port = Number((process.argv.find((a) => a.startsWith('--port=')) ?? '--port=4000').slice(7));

const schema = buildSchema(`
  interface Node { id: ID! }
  enum AccountStatus { ACTIVE SUSPENDED CLOSED @deprecated(reason: "Closed accounts are removed.") }
  enum PaymentKind { CARD PAYPAL CRYPTO }
  type Payment implements Node { id: ID! kind: PaymentKind! fingerprint: String! }
  type Account implements Node {
    id: ID! email: String! createdAt: DateTime! status: AccountStatus! payments: [Payment!]!
    legacyScore: Float @deprecated(reason: "Use the cluster risk score.")
  }
  type Operator implements Node { id: ID! name: String! confidence: Float! }
  type Cluster implements Node {
    id: ID! riskScore: Float! flagged: Boolean! size: Int! operator: Operator
    members(first: Int = 10): [Account!]!
  }
  union SearchResult = Cluster | Account | Operator
  input ClusterFilter { flagged: Boolean minRisk: Float = 0 }
  scalar DateTime
  type Query {
    hello(name: String = "world"): String!
    clusters(first: Int = 10, filter: ClusterFilter): [Cluster!]!
    cluster(id: ID!): Cluster
  }
  type Mutation { flagCluster(id: ID!): Cluster }
`);

// Same formulas as SampleData.cs.
const start = Date.UTC(2024, 0, 1);
const operators = Array.from({ length: 20 }, (_, i) => ({ id: `op${i}`, name: `Operator ${i}`, confidence: ((i * 7) % 10) / 10 }));
const clusters = Array.from({ length: 200 }, (_, i) => ({
  id: `c${i}`,
  riskScore: ((i * 37) % 100) / 100,
  flagged: i % 3 === 0,
  size: 10,
  operator: operators[i % 20],
  allMembers: Array.from({ length: 10 }, (_, j) => ({
    id: `a${i}-${j}`,
    email: `user${i}-${j}@example.com`,
    createdAt: new Date(start + i * j * 3600e3).toISOString().replace('.000Z', 'Z'),
    status: (i + j) % 4 === 0 ? 'SUSPENDED' : 'ACTIVE',
    payments: Array.from({ length: 3 }, (_, k) => ({ id: `p${i}-${j}-${k}`, kind: k % 2 === 0 ? 'CARD' : 'PAYPAL', fingerprint: `fp-${(i * 10 + j) % 50}-${k}` })),
    legacyScore: null,
  })),
  members({ first }) { return this.allMembers.slice(0, Math.max(0, first)); },
}));

const rootValue = {
  hello: ({ name }) => `Hello, ${name}!`,
  clusters: ({ first, filter }) => clusters
    .filter((c) => (filter?.flagged == null || c.flagged === filter.flagged) && c.riskScore >= (filter?.minRisk ?? 0))
    .slice(0, Math.max(0, first)),
  cluster: ({ id }) => clusters.find((c) => c.id === id) ?? null,
  flagCluster: ({ id }) => clusters.find((c) => c.id === id) ?? null,
};

const handler = createHandler({ schema, rootValue });
http.createServer((req, res) => {
  if (req.url.startsWith('/healthz')) { res.writeHead(200).end('ok'); return; }
  if (!req.url.startsWith('/graphql')) { res.writeHead(404).end(); return; }
  handler(req, res);
}).listen(port, '127.0.0.1', () => console.log(`graphql-js listening on http://127.0.0.1:${port}/graphql`));
