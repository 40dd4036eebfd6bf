import fc from 'fast-check';
import { ts } from 'ts-morph';
import { learnsFromImportsInText } from '../../src/analyser/importerUse.js';
import { teachesNothingByTokens } from '../../src/analyser/importerTokens.js';
import { corpusFiles } from './analyser/corpus.js';
import { applyMutations, mutation } from './analyser/mutations.js';
import type { FuzzProperty } from './harness.js';

/**
 * The pre-filter settles most importers by their tokens and parses the rest: the token
 * reading may say "teaches nothing" only where the parse says so too (a wrong yes would
 * leave out a file the analysis needs). Checked on generated importers, built from the
 * shapes that decide it (arguments that are or are not the caller's parameters, results
 * kept or dropped, arrow and method bodies, types, templates, regular expressions, lines
 * without semicolons), and on mutated fixture files.
 */

const IMPORTED = ['stopPreview', 'inspect', 'docker', 'of', 'type'];
const PARAMETERS = ['input', 'spec', 'id'];

const imported = fc.constantFrom(...IMPORTED);
const parameter = fc.constantFrom(...PARAMETERS, 'other', 'undefined');

const importLine = fc.oneof(
  fc.subarray(IMPORTED, { minLength: 1 }).map((names) => `import { ${names.join(', ')} } from './docker';`),
  fc.subarray(IMPORTED, { minLength: 1 }).map((names) => `import { ${names.map((name) => `${name} as ${name}`).join(', ')} } from "./docker"`),
  fc.constantFrom(
    `import stopPreview from './docker';`,
    `import * as docker from './docker';`,
    `import stopPreview, { inspect } from './docker';`,
    `import type { inspect } from './docker';`,
    `import { type inspect, stopPreview } from './docker';`,
    `const { stopPreview, inspect: of } = require('./docker');`,
    `const docker = require('./docker');`,
    'const docker = require(`./docker`);',
    `const stop = require('./docker').stopPreview;`,
    `const stopPreview = require('./docker')\n  .stopPreview;`,
    `import docker = require('./docker');`,
    `export { stopPreview } from './docker';`,
    `export * from './docker';`,
    `export type { inspect } from './docker';`,
    `import { helper } from './other';`,
  ),
);

const argument = fc.oneof(
  parameter,
  parameter.map((name) => `${name} as never`),
  parameter.map((name) => `(${name})`),
  parameter.map((name) => `cond ? ${name} : other as never`),
  parameter.map((name) => `${name}.field`),
  fc.constantFrom(`'web'`, '{ Image: "nginx" }', '`x${input}`', '42', '[input]', '...input', 'input!', 'await input'),
);

const call = fc.tuple(imported, fc.array(argument, { maxLength: 3 })).map(([name, args]) => `${name}(${args.join(', ')})`);

/** A use of an imported name, as a statement or inside one. */
const use = fc.oneof(
  { weight: 4, arbitrary: call.map((text) => `results.push(${text});`) },
  { weight: 3, arbitrary: call.map((text) => `${text};`) },
  { weight: 3, arbitrary: call.map((text) => `return ${text};`) },
  { weight: 2, arbitrary: call.map((text) => `return await ${text}`) },
  call.map((text) => `void ${text};`),
  call.map((text) => `const kept = ${text};`),
  call.map((text) => `if (${text}) results.push(1);`),
  call.map((text) => `log(\`\${${text}}\`);`),
  call.map((text) => `${text}.then(done);`),
  call.map((text) => `results.push(1 + ${text});`),
  call.map((text) => `expect(() => ${text}).not.toThrow();`),
  call.map((text) => `const rule = /['"\`]/; ${text};`),
  call.map((text) => `${text}\n(other)`),
  call.map((text) => `${text} as unknown;`),
  call.map((text) => `for (; ${text}; ) break;`),
  call.map((text) => `const pick = cond ? (input) => input : void ${text};`),
  imported.map((name) => `results.push(${name});`),
  imported.map((name) => `${name}.ping();`),
  imported.map((name) => `new ${name}(input);`),
  imported.map((name) => `const deps = { ${name} };`),
  imported.map((name) => `other.${name}(input);`),
  imported.map((name) => `other?.${name}(input);`),
  imported.map((name) => `const local: typeof ${name} | undefined = undefined;`),
  fc.constant('results.push(input);'),
);

const parameterList = fc.oneof(
  fc.subarray(PARAMETERS).map((names) => names.join(', ')),
  fc.subarray(PARAMETERS).map((names) => names.map((name) => `${name}: unknown`).join(', ')),
  fc.constantFrom('{ input, spec }', '{ input: spec }', 'input = other', 'private readonly input: Input', '...input', 'this: Ctx, input?: string', 'cb: (input: string) => void'),
);

/** A function around some uses: declaration, arrow (block or expression body), method, or none. */
const scope = fc.tuple(parameterList, fc.array(use, { minLength: 1, maxLength: 4 }), fc.constantFrom(';', ''), fc.nat(7)).map(([parameters, uses, end, form]) => {
  const body = uses.map((line) => line.replace(/;$/, end)).join('\n  ');
  switch (form) {
    case 0:
      return `export function all(${parameters}): unknown[] {\n  ${body}\n}`;
    case 1:
      return `export const all = async (${parameters}) => {\n  ${body}\n}${end}`;
    case 2:
      return `export const all = (${parameters}) => ${uses[0].replace(/^return (await )?/, '').replace(/;$/, '')}${end}`;
    case 3:
      return `class Wrapper {\n  run(${parameters}) {\n    ${body}\n  }\n}`;
    case 4:
      return `describe('all', () => {\n  it.each([1])('works', (${parameters}) => {\n    ${body}\n  })\n})`;
    case 5:
      return `const handler: (${parameters}) => void = () => {\n  ${body}\n}`;
    case 6:
      return `init(${parameters})\n{\n  ${body}\n}`;
    default:
      return body;
  }
});

const importer = fc.tuple(importLine, fc.array(scope, { minLength: 1, maxLength: 3 }), fc.constantFrom('src/jobs/report.ts', 'src/jobs/report.js', 'src/jobs/report.cjs', 'src/jobs/report.mts'))
  .map(([line, scopes, path]) => ({ path, text: `${line}\n\n${scopes.join('\n\n')}\n` }));

/**
 * On code with syntax errors the parser recovers in its own ways (a stray `*` line can turn
 * the next import into a property name or not); there the reading of either is best effort.
 */
function parses(path: string, text: string): boolean {
  const kind = /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind) as ts.SourceFile & { parseDiagnostics: unknown[] };
  return file.parseDiagnostics.length === 0;
}

function checkAgreement(path: string, text: string, specifiers: ReadonlySet<string>): void {
  if (!teachesNothingByTokens(path, text, specifiers) || !parses(path, text)) return;
  if (learnsFromImportsInText(path, text, specifiers)) {
    throw new Error(`the tokens say ${path} teaches nothing, the parse says it does:\n${text}`);
  }
}

const IMPORT_SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g;

export const importerProperties: FuzzProperty[] = [
  {
    name: 'pre-filter: an importer the tokens settle as teaching nothing teaches nothing by its parse either (generated importers)',
    testRuns: 400,
    build: () => fc.property(importer, ({ path, text }) => checkAgreement(path, text, new Set(['./docker']))),
  },
  {
    name: 'pre-filter: the same holds for mutated fixture files, with their own imports as the Docker code',
    testRuns: 200,
    build: () => {
      const files = corpusFiles().filter((file) => /\.[cm]?[jt]s$/.test(file.path));
      return fc.property(fc.constantFrom(...files), fc.array(mutation(['input', 'stopPreview'], ['/containers/json']), { maxLength: 3 }), (file, mutations) => {
        const text = applyMutations(file.text, mutations);
        const specifiers = [...text.matchAll(IMPORT_SPECIFIER)].map((match) => match[1] ?? match[2]);
        for (const specifier of specifiers) checkAgreement(file.path, text, new Set([specifier]));
        checkAgreement(file.path, text, new Set(specifiers));
      });
    },
  },
];
