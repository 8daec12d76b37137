#!/usr/bin/env node
// Lints every .cypher file under the given directories with Neo4j's own Cypher parser and semantic
// analysis (npm @neo4j-cypher/language-support, which runs offline: no database needed).
//
//   node lint.mjs [--strict] DIR|FILE...
//
// House rule: one statement per file (the C# code runs each file as one statement), so a file with a
// second statement fails. Procedures and functions are checked against the registry bundled in the
// package (Neo4j built-ins, APOC, GDS). "Parameter $x is not defined" is not reported: every statement
// takes its parameters at run time. --strict also fails on warnings (deprecations).
// Prints file:line:col: severity: message for each problem, then "N passed, N failed" (files);
// exit 1 when a file failed, 2 on usage or I/O errors.
import fs from 'node:fs';
import path from 'node:path';
import { lintCypherQuery, isNotParamError, testData } from '@neo4j-cypher/language-support';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const roots = args.filter((a) => !a.startsWith('--'));
if (roots.length === 0) {
  console.error('usage: node lint.mjs [--strict] DIR|FILE...');
  process.exit(2);
}

function walk(p) {
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p).sort().flatMap((name) => {
    const full = path.join(p, name);
    if (fs.statSync(full).isDirectory()) return walk(full);
    return name.endsWith('.cypher') ? [full] : [];
  });
}

// Offsets of ';' that end a statement (outside strings, quoted names and comments).
function statementEnds(src) {
  const ends = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); i = e < 0 ? src.length : e + 1; continue; }
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\' && c !== '`') i++;
      continue;
    }
    if (c === ';') ends.push(i);
  }
  return ends;
}

function position(src, offset) {
  const before = src.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

const schema = {
  defaultLanguage: 'CYPHER 5',
  procedures: testData.mockSchema.procedures,
  functions: testData.mockSchema.functions,
};
const severity = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

let files;
try { files = roots.flatMap(walk); } catch (err) { console.error(err.message); process.exit(2); }
if (files.length === 0) { console.error('no .cypher files found'); process.exit(2); }

let passed = 0, failed = 0;
for (const file of files) {
  const src = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let bad = false;
  const ends = statementEnds(src);
  const rest = ends.length ? src.slice(ends[0] + 1) : '';
  if (ends.length > 1 || rest.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '') {
    console.log(`${file}:${position(src, ends[0])}: error: more than one statement in the file`);
    bad = true;
  }
  const statement = ends.length ? src.slice(0, ends[0]) : src;
  if (statement.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() === '') {
    console.log(`${file}:1:1: error: no statement in the file`);
    bad = true;
  }
  let diagnostics;
  try {
    diagnostics = lintCypherQuery(statement, schema).diagnostics.filter(isNotParamError);
  } catch (err) {
    diagnostics = [{ severity: 1, message: `linter crashed: ${err?.message ?? err}`, offsets: { start: 0 } }];
  }
  for (const d of diagnostics) {
    const level = severity[d.severity] ?? 'error';
    if (level === 'error' || (strict && level === 'warning')) bad = true;
    const message = String(d.message).trim().replace(/\s*\n\s*/g, ' ');
    console.log(`${file}:${position(src, d.offsets?.start ?? 0)}: ${level}: ${message}`);
  }
  if (bad) failed++; else passed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
