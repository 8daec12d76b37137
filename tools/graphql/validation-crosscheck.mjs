// Informational: runs graphql-js's validate() on every case of our validation corpus (against the committed SDL of
// the test schema) and lists where graphql-js's messages or locations differ from the ones our engine must give.
// Known, accepted differences: graphql-js adds "Did you mean ...?" suggestions, does not check that the root
// operation type exists, cannot check DateTime literals of a schema built from SDL, and orders fragment fields last.
//   node tools/graphql/validation-crosscheck.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(path.join(here, 'package.json'));
const { buildSchema, parse, validate } = require('graphql');
const tests = path.join(root, 'tests/Distill.GraphQL.Tests');
const schema = buildSchema(fs.readFileSync(path.join(tests, 'TypeSystem/library-schema.graphql'), 'utf8'));
const cases = JSON.parse(fs.readFileSync(path.join(tests, 'Corpus/validation-corpus.json'), 'utf8'));
let same = 0;
let different = 0;
for (const c of cases) {
  let errors;
  try {
    errors = validate(schema, parse(c.query)).map((e) => ({ message: e.message, locations: (e.locations ?? []).map((l) => [l.line, l.column]) }));
  } catch (e) {
    errors = [{ message: e.message, locations: (e.locations ?? []).map((l) => [l.line, l.column]) }];
  }
  const js = JSON.stringify(errors);
  const ours = JSON.stringify(c.errors);
  if (js === ours) {
    same++;
  } else {
    different++;
    console.log(`${c.name}\n  graphql-js: ${js}\n  ours:       ${ours}`);
  }
}
console.log(`${same} identical to graphql-js, ${different} different`);
