import { describe, expect, it } from 'vitest';
import { learnsFromImportsInText } from '../../src/analyser/importerUse.js';
import { teachesNothingByTokens } from '../../src/analyser/importerTokens.js';

/**
 * The pre-filter's token reading of an importer: "teaches nothing" only where the parse
 * (learnsFromImports) agrees; anything it cannot be sure of goes to the parse. The
 * property test in test/fuzz/importerProperties.ts checks the agreement on generated code.
 */
const docker = new Set(['./docker']);
const settled = (text: string, path = 'src/jobs/report.ts') => teachesNothingByTokens(path, text, docker);

describe('teachesNothingByTokens', () => {
  it('settles importers that only pass their own parameters and drop, return or pass on the results', () => {
    const passThrough = [
      `import { stop, inspect } from './docker';\nexport function all(input: any, results: unknown[]): unknown[] {\n  results.push(stop(input));\n  void inspect(input);\n  return inspect(input as never);\n}\n`,
      `import { stop } from './docker';\nexport const go = async (input: Spec): Promise<void> => {\n  await stop(input)\n  stop(undefined)\n}\n`,
      `import { stop } from "./docker";\nexport const go = (id) => stop(id), other = 1;\n`,
      `const { stop, inspect: look } = require('./docker');\nmodule.exports = function (input) {\n  look(input);\n  return stop(input);\n};\n`,
      `import { stop } from './docker';\nclass Jobs {\n  constructor(private readonly input: Spec) {}\n  run(input: Spec, { id }: Options) {\n    stop(input);\n    stop(id);\n  }\n}\n`,
      `import { stop } from './docker';\nconst quote = /['"\`]/g;\nconst label = \`job \${quote.source}\`;\nit('survives junk', (input: unknown) => {\n  expect(() => stop(input as never)).not.toThrow();\n});\n`,
      `import type { Docker } from './docker';\nexport let client: Docker | undefined;\n`,
      `import { helper } from './other';\nhelper('x');\n`,
    ];
    for (const text of passThrough) {
      expect(settled(text), text).toBe(true);
      expect(learnsFromImportsInText('src/jobs/report.ts', text, docker), text).toBe(false);
    }
  });

  it('leaves to the parse any use it is not sure of', () => {
    const unsure = [
      // known arguments, kept results, other uses of the import
      `import { stop } from './docker';\nstop('web');\n`,
      `import { stop } from './docker';\nexport async function f(input) {\n  const result = await stop(input);\n}\n`,
      `import { docker } from './docker';\ndocker.ping();\n`,
      `import Deployer from './docker';\nnew Deployer();\n`,
      `import { stop } from './docker';\nexport const deps = { stop };\n`,
      `import { stop } from './docker';\nfunction f(input) { results.push(1 + stop(input)); }\n`,
      `import { stop } from './docker';\nfunction f(input) { if (stop(input)) return; }\n`,
      `import { stop } from './docker';\nfunction f(input) { log(\`\${stop(input)}\`); }\n`,
      `import { stop } from './docker';\nfunction f(input, cond) { stop(cond ? {} : input as never); }\n`,
      // a name that is not a parameter where it is passed
      `import { stop } from './docker';\nconst input = { Image: 'nginx' };\nstop(input);\n`,
      `import { stop } from './docker';\nconst handler: (input: Spec) => void = () => stop(input);\n`,
      `import { stop } from './docker';\ninit(input)\n{\n  stop(input);\n}\n`,
      `import { stop } from './docker';\nfunction f(input) {\n  for (; stop(input); ) break;\n}\n`,
      `import { stop } from './docker';\nfunction f(cond) {\n  const pick = cond ? (input) => input : void stop(input);\n}\n`,
      `const stop = require('./docker')\n  .stop;\nfunction f(input) { stop(input); }\n`,
      // two regular expressions after `)`, each with a backtick: read as divisions, a template between them hides `docker.ping()`
      "import { docker } from './docker';\nfunction f(input) {\n  if (input) /`/.test(input);\n  docker.ping();\n  if (input) /`/.test(input);\n}\n",
      // imports passed on or of another kind
      `export * from './docker';\n`,
      `export { stop } from './docker';\n`,
      `import docker = require('./docker');\ndocker.ping();\n`,
      `const stop = require('./docker').stop;\n`,
      // code the tokenizer cannot read alone
      `import { stop } from './docker';\nexport const Row = ({ input }) => <p onClick={() => stop(input)}>Don't</p>;\n`,
      `import { stop } from './docker';\nfunction f(input) { stop(input); \n`,
      `import { stop } from './docker';\nconst s = 'unterminated\nfunction f(input) { stop(input); }\n`,
    ];
    for (const text of unsure) expect(settled(text), text).toBe(false);
    expect(settled(`import { stop } from './docker';\nexport function f(input) { stop(input); }\n`, 'src/Row.tsx')).toBe(false);
  });
});
