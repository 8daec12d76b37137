// graphql-js engine-only throughput (parse + validate + execute + JSON.stringify per request, like graphql-http does),
// same schema and data as graphql-js-server.mjs, printed in the same form as the C# --execute-bench.
//   node execute-bench.mjs FILE [SECONDS]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { schema, rootValue } from './sample-schema.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tools/graphql/package.json'));
const { parse, validate, execute } = require('graphql');

const file = process.argv[2];
const seconds = Number(process.argv[3] ?? 3);
const query = fs.readFileSync(file, 'utf8');
const variableValues = { first: 10 };
const once = () => {
  const document = parse(query);
  const errors = validate(schema, document);
  if (errors.length) throw new Error(errors[0].message);
  return JSON.stringify(execute({ schema, document, rootValue, variableValues }));
};
let chars = 0;
for (let i = 0; i < 2000; i++) chars = once().length;
let iterations = 0;
const t0 = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < seconds) {
  for (let i = 0; i < 100; i++) once();
  iterations += 100;
  elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
}
console.log(`graphql-js execute ${path.basename(file)} (${chars} chars of JSON): ${(iterations / elapsed).toFixed(0)} requests/s on one thread, ${(elapsed * 1e6 / iterations).toFixed(1)} µs each`);
