// graphql-js parse throughput on one document, printed in the same form as the C# parser benchmark.
//   node parse-bench.mjs FILE [SECONDS]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tools/graphql/package.json'));
const { parse, version } = require('graphql');

const file = process.argv[2];
const seconds = Number(process.argv[3] ?? 3);
const text = fs.readFileSync(file, 'utf8');
const bytes = Buffer.byteLength(text, 'utf8');
for (let i = 0; i < 200; i++) parse(text, { noLocation: false });
let iterations = 0;
const t0 = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < seconds) {
  for (let i = 0; i < 50; i++) parse(text);
  iterations += 50;
  elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
}
console.log(`graphql-js ${version} parse ${path.basename(file)} ${bytes} bytes: ${(iterations / elapsed).toFixed(0)} parses/s, ${(iterations * bytes / elapsed / 1e6).toFixed(1)} MB/s`);
