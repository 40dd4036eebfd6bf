#!/usr/bin/env node
// Baseline for the `scan` benchmark: read every JS/TS file under a folder and parse it
// with TypeScript's parser, nothing else (no binding, no type checking, no analysis).
//   node bench/parseOnly.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Loaded as the scan loads ts-morph: TypeScript is CommonJS, and an ES import of it makes Node
// lex its 9 MB for named exports first (about 0.3 s), which would slow the baseline, not the parse.
const ts = createRequire(import.meta.url)('typescript');

const KINDS = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

function kindFromExtension(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : KINDS[name.slice(dot)];
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile() && kindFromExtension(entry.name) !== undefined) yield full;
  }
}

const root = process.argv[2];
if (!root) {
  console.error('usage: node bench/parseOnly.mjs <dir>');
  process.exit(2);
}
let files = 0;
let statements = 0;
let syntaxErrors = 0;
for (const file of walk(root)) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kindFromExtension(file));
  files++;
  statements += source.statements.length;
  syntaxErrors += source.parseDiagnostics?.length ?? 0;
}
console.log(JSON.stringify({ files, statements, syntaxErrors }));
