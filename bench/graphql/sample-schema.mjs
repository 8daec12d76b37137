// Schema and data shared by graphql-js-server.mjs and execute-bench.mjs: the same as
// tests/Distill.GraphQL.SampleServer (SampleSchema.cs / SampleData.cs).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tools/graphql/package.json'));
const { buildSchema } = require('graphql');

export const schema = buildSchema(`
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

export const rootValue = {
  hello: ({ name }) => `Hello, ${name}!`,
  clusters: ({ first, filter }) => clusters
    .filter((c) => (filter?.flagged == null || c.flagged === filter.flagged) && c.riskScore >= (filter?.minRisk ?? 0))
    .slice(0, Math.max(0, first)),
  cluster: ({ id }) => clusters.find((c) => c.id === id) ?? null,
  flagCluster: ({ id }) => clusters.find((c) => c.id === id) ?? null,
};

