import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Argv } from 'yargs';
import type { CompiledArtifacts } from '../../database/compileFromSources.js';
import { readErrata } from '../../database/errata.js';
import { readSourcesManifest, serializeSourcesManifest } from '../../load/sourcesManifest.js';
import { resolveSpecDirectory, SPEC_DIR_ENV } from '../../load/specDirectory.js';
import { packageRoot } from '../../packageRoot.js';
import { writeFileAtomically, type CliContext } from '../cliContext.js';

interface SpecsOptions {
  specDir?: string;
  acceptChangedSources?: boolean;
  outDir?: string;
}

const DATABASE_FILE = 'database.json';
const RECONCILIATION_FILE = 'changelog-reconciliation.md';

function bundledSpecsFolder(): string {
  return join(packageRoot(), 'specs');
}

async function compile(context: CliContext, options: SpecsOptions): Promise<CompiledArtifacts> {
  const specDir = resolveSpecDirectory(options.specDir ? context.resolvePath(options.specDir) : undefined, context.io.env);
  const folder = bundledSpecsFolder();
  // The spec loader pulls in swagger-parser and its schema validator; only this command needs them.
  const { compileFromSources } = await import('../../database/compileFromSources.js');
  const artifacts = await compileFromSources({
    specDir: specDir.path,
    manifest: readSourcesManifest(join(folder, 'sources.json')),
    errata: readErrata(join(folder, 'errata.json')),
    acceptChangedSources: options.acceptChangedSources,
    onProgress: (message) => {
      if (context.io.stderr.isTTY) context.io.stderr.write(`\r\u001b[K${message}`);
    },
  });
  if (context.io.stderr.isTTY) context.io.stderr.write('\r\u001b[K');
  for (const warning of artifacts.warnings) context.note(`warning: ${warning}`);
  return artifacts;
}

function firstDifferentLine(expected: string, actual: string): number {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  const index = expectedLines.findIndex((line, position) => line !== actualLines[position]);
  return (index === -1 ? expectedLines.length : index) + 1;
}

export function registerSpecsCommand(parser: Argv, context: CliContext): Argv {
  return parser.command('specs <action>', 'Compile the database from the archived upstream specs, or verify it', (command) =>
    command
      .positional('action', { choices: ['compile', 'verify'] as const, describe: 'compile: write specs/; verify: recompile and compare byte for byte' })
      .option('spec-dir', { type: 'string', describe: `Folder of archived specs (default: $${SPEC_DIR_ENV}, else ../shared/docker-engine-api)` })
      .option('accept-changed-sources', { type: 'boolean', default: false, describe: 'Compile files whose sha256 differs from specs/sources.json, and record the new hashes' })
      .option('out-dir', { type: 'string', describe: 'Where compile writes (default: the bundled specs/ folder)' })
      .example('$0 specs compile', 'Rebuild specs/database.json from ../shared/docker-engine-api')
      .example('$0 specs verify --spec-dir ./docker-engine-api', 'Check that the bundled database matches the upstream files'),
    async (argv) => {
      const options = argv as SpecsOptions & { action: 'compile' | 'verify' };
      const started = performance.now();
      const artifacts = await compile(context, options);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (options.action === 'compile') {
        const outDir = options.outDir ? context.resolvePath(options.outDir) : bundledSpecsFolder();
        writeFileAtomically(join(outDir, DATABASE_FILE), artifacts.databaseText);
        writeFileAtomically(join(outDir, RECONCILIATION_FILE), artifacts.reconciliationText);
        if (options.acceptChangedSources) writeFileAtomically(join(outDir, 'sources.json'), serializeSourcesManifest(artifacts.manifest));
        const database = artifacts.database;
        const changes = database.features.reduce((total, feature) => total + feature.changes.length, 0);
        context.io.stdout.write(
          `compiled API ${database.apiVersions[0]} to ${database.apiVersions[database.apiVersions.length - 1]} ` +
            `(${database.apiVersions.length} versions): ${database.features.length} features, ${changes} changes in ${seconds} s\n` +
            `wrote ${relative(context.io.cwd, join(outDir, DATABASE_FILE)) || DATABASE_FILE} and ${RECONCILIATION_FILE}\n`,
        );
        return;
      }
      const folder = options.outDir ? context.resolvePath(options.outDir) : bundledSpecsFolder();
      let differences = 0;
      for (const [file, expected] of [
        [DATABASE_FILE, artifacts.databaseText],
        [RECONCILIATION_FILE, artifacts.reconciliationText],
      ] as const) {
        const path = join(folder, file);
        const actual = existsSync(path) ? readFileSync(path, 'utf8') : '';
        if (actual === expected) {
          context.io.stdout.write(`${path}: identical to a fresh compile\n`);
        } else {
          differences++;
          const where = actual === '' ? 'missing' : `first difference at line ${firstDifferentLine(expected, actual)}`;
          context.io.stdout.write(`${path}: differs from a fresh compile (${where}); run "specs compile"\n`);
        }
      }
      context.exitCode = differences > 0 ? 1 : 0;
    },
  );
}
