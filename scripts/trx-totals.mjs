// Sums the outcomes of every .trx file under a folder (the test results dotnet test writes) and prints
// the failed tests by name, then one line "N passed, N failed, N skipped".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.trx')) files.push(p);
  }
};
try { walk(dir); } catch { /* no results at all */ }
let passed = 0, failed = 0, skipped = 0;
for (const file of files) {
  const xml = readFileSync(file, 'utf8');
  for (const m of xml.matchAll(/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="(\w+)"/g)) {
    if (m[2] === 'Passed') passed++;
    else if (m[2] === 'NotExecuted') skipped++;
    else { failed++; console.log(`failed: ${m[1]}`); }
  }
}
if (files.length === 0) { console.log('no test results found'); failed++; }
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
