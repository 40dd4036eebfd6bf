import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Argv } from 'yargs';
import type { CompiledArtifacts } from '../../database/compileFromSources.js';
import { readErrata } from '../../database/errata.js';
import { CompatError } from '../../errors.js';
import type { FetchOptions } from '../../load/fetchSpecs.js';
import { readSourcesManifest, serializeSourcesManifest } from '../../load/sourcesManifest.js';
import { resolveSpecDirectory, SPEC_DIR_ENV } from '../../load/specDirectory.js';
import { packageRoot, packageVersion } from '../../packageRoot.js';
import { writeFileAtomically, type CliContext } from '../cliContext.js';

interface SpecsOptions {
  specDir?: string;
  acceptChangedSources?: boolean;
  outDir?: string;
  // specs fetch
  sources?: string;
  add?: string;
  url?: string;
  sha256?: string;
  timeout?: number;
  retries?: number;
  baseUrl?: string;
  dryRun?: boolean;
}

const DATABASE_FILE = 'database.json';
const RECONCILIATION_FILE = 'changelog-reconciliation.md';

function bundledSpecsFolder(): string {
  return join(packageRoot(), 'specs');
}

async function compile(context: CliContext, options: SpecsOptions): Promise<CompiledArtifacts> {
  const specDir = resolveSpecDirectory(options.specDir, context.io.env, { cwd: context.io.cwd });
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

/** The folder `specs fetch` fills: created when missing, so it need not exist yet. */
function fetchDirectory(context: CliContext, specDir: string | undefined): string {
  return resolveSpecDirectory(specDir, context.io.env, { cwd: context.io.cwd, mayBeMissing: true }).path;
}

async function fetchSources(context: CliContext, options: SpecsOptions): Promise<void> {
  const { addSpecVersion, fetchSpecs } = await import('../../load/fetchSpecs.js');
  const bundledSources = join(bundledSpecsFolder(), 'sources.json');
  const sourcesPath = options.sources ? context.resolvePath(options.sources) : bundledSources;
  const manifest = readSourcesManifest(sourcesPath);
  const directory = fetchDirectory(context, options.specDir);
  const write = (line: string): void => {
    context.io.stdout.write(`${line}\n`);
  };
  const fetchOptions: FetchOptions = {
    timeoutMs: options.timeout,
    retries: options.retries,
    baseUrl: options.baseUrl,
    dryRun: options.dryRun,
    userAgent: `docker-api-compat/${packageVersion()}`,
    log: write,
  };

  if (options.add !== undefined) {
    if (!options.url) throw new CompatError('usage', '--add needs --url, the address of the new spec file');
    if (options.baseUrl) throw new CompatError('usage', '--base-url mirrors the manifest files; with --add give the address with --url');
    const result = await addSpecVersion(
      manifest,
      directory,
      { version: options.add, url: options.url, sha256: options.sha256, manifestPath: sourcesPath },
      fetchOptions,
    );
    const version = result.entry.version!;
    if (options.dryRun) {
      write(`dry run: nothing written`);
      return;
    }
    const elsewhere = sourcesPath === bundledSources ? '' : ` (it reads the bundled ${bundledSources}; this entry went to ${sourcesPath})`;
    write(`"specs compile" now rebuilds the database with API ${version}: docker-api-compat specs compile --spec-dir ${directory}${elsewhere}`);
    return;
  }
  if (options.url || options.sha256) throw new CompatError('usage', '--url and --sha256 go with --add VERSION');

  const result = await fetchSpecs(manifest, directory, fetchOptions);
  const failed = result.failures.length;
  write(
    options.dryRun
      ? `dry run: would fetch ${result.wouldFetch}, already present ${result.present}, failed ${failed}; nothing written (${directory})`
      : `fetched ${result.fetched}, already present ${result.present}, failed ${failed} (${directory})`,
  );
  if (failed === 0) return;
  // One line per failed file, in manifest order; the last one goes through the CLI's error path (exit 2).
  for (const failure of result.failures.slice(0, -1)) context.note(`docker-api-compat: ${failure.message}`);
  throw result.failures[failed - 1];
}

function firstDifferentLine(expected: string, actual: string): number {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  const index = expectedLines.findIndex((line, position) => line !== actualLines[position]);
  return (index === -1 ? expectedLines.length : index) + 1;
}

export function registerSpecsCommand(parser: Argv, context: CliContext): Argv {
  return parser.command('specs <action>', 'Compile the database from the archived upstream specs, verify it, or fetch the specs', (command) =>
    command
      .positional('action', {
        choices: ['compile', 'verify', 'fetch'] as const,
        describe: 'compile: write specs/; verify: recompile and compare byte for byte; fetch: download missing upstream files (docs/specs-fetch.md)',
      })
      .option('spec-dir', { type: 'string', describe: `Folder of archived specs (default: $${SPEC_DIR_ENV}, else ../shared/docker-engine-api)` })
      .option('accept-changed-sources', { type: 'boolean', default: false, describe: 'Compile files whose sha256 differs from specs/sources.json, and record the new hashes' })
      .option('out-dir', { type: 'string', describe: 'Where compile writes (default: the bundled specs/ folder)' })
      .option('sources', { type: 'string', describe: 'fetch: the sources manifest to read (and, with --add, update) (default: the bundled specs/sources.json)' })
      .option('add', { type: 'string', describe: 'fetch: add this API version, which the manifest lacks (needs --url)' })
      .option('url', { type: 'string', describe: 'fetch --add: where to download the new spec from' })
      .option('sha256', { type: 'string', describe: 'fetch --add: the sha256 the download must have' })
      .option('timeout', { type: 'number', describe: 'fetch: milliseconds a request may stay silent (connecting, headers, body) (default 30000)' })
      .option('retries', { type: 'number', describe: 'fetch: retries after a network error, a time-out or a 5xx answer (default 2)' })
      .option('base-url', { type: 'string', describe: "fetch: download the manifest's files from this mirror instead (replaces each URL's folder)" })
      .option('dry-run', { type: 'boolean', describe: 'fetch: say what would be downloaded and written; write nothing' })
      .example('$0 specs compile', 'Rebuild specs/database.json from ../shared/docker-engine-api')
      .example('$0 specs verify --spec-dir ./docker-engine-api', 'Check that the bundled database matches the upstream files')
      .example('$0 specs fetch --spec-dir ./docker-engine-api', 'Download the upstream files the folder lacks, verified against specs/sources.json')
      .example('$0 specs fetch --add 1.56 --url https://raw.githubusercontent.com/moby/moby/master/api/docs/v1.56.yaml', 'Add a newly published API version'),
    async (argv) => {
      const options = argv as SpecsOptions & { action: 'compile' | 'verify' | 'fetch' };
      if (options.action === 'fetch') {
        await fetchSources(context, options);
        return;
      }
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
