#!/usr/bin/env node
// Builds the investigator workbench into static files with esbuild (everything bundled from node_modules: no CDN).
//   node build.mjs [--out=DIR]     (default: ../src/Distill.Attribution.Api/workbench, copied next to the binaries)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.find((a) => a.startsWith('--out='));
const out = path.resolve(outArg ? outArg.slice('--out='.length) : path.join(here, '../src/Distill.Attribution.Api/workbench'));
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [path.join(here, 'src/main.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outfile: path.join(out, 'app.js'),
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css']) fs.copyFileSync(path.join(here, 'src', f), path.join(out, f));
const files = fs.readdirSync(out);
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
console.log(`workbench written to ${out}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB (${Object.keys(result.metafile.inputs).length} modules)`);
