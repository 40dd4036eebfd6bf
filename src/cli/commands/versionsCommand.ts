import type { Argv } from 'yargs';
import { answerApiVersion, renderVersionAnswerText, renderVersionsTable } from '../../reporters/versionsReport.js';
import { parseVersionSpecifier } from '../../versions/versionSpecifier.js';
import type { CompatIndex } from '../../database/compatIndex.js';
import { CompatError } from '../../errors.js';
import { compareApiVersions, isApiVersionInRange, type ApiVersion } from '../../versions/apiVersion.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';

function lowestServed(index: CompatIndex): ApiVersion {
  return index.database.engines.map((release) => release.minApiVersion).sort(compareApiVersions)[0];
}

function highestKnown(index: CompatIndex): ApiVersion {
  const maxima = [...index.database.engines.map((release) => release.maxApiVersion), index.newestSpec].sort(compareApiVersions);
  return maxima[maxima.length - 1];
}

function isKnownApiVersion(index: CompatIndex, version: ApiVersion): boolean {
  return isApiVersionInRange(version, lowestServed(index), highestKnown(index));
}

interface VersionsOptions extends GlobalOptions {
  query?: string;
  format: 'text' | 'json';
}

export function registerVersionsCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'versions [query]',
    'Docker Engine releases and the API versions they serve; look up one either way',
    (command) =>
      command
        .positional('query', { type: 'string', describe: 'An engine release (28.3, "docker 28.3") or an API version (1.41, v1.41)' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
        .example('$0 versions 28.3', 'docker 28.3 serves API 1.24 to 1.51')
        .example('$0 versions 1.41', 'Which engines accept API 1.41'),
    (argv) => {
      const options = argv as unknown as VersionsOptions;
      const index = context.compatIndex(options);
      if (!options.query) {
        const json = { schemaVersion: index.database.schemaVersion, apiVersions: index.apiVersions, engines: index.database.engines };
        context.emit(options.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : renderVersionsTable(index));
        return;
      }
      const specifier = parseVersionSpecifier(options.query, index.database, { bareEngine: true });
      if (specifier.kind === 'api' && !isKnownApiVersion(index, specifier.version)) {
        throw new CompatError('usage', `unknown API version ${specifier.version}: engine releases serve API ${lowestServed(index)} to ${highestKnown(index)}, and the database has specs for ${index.oldestSpec} to ${index.newestSpec}`);
      }
      if (options.format === 'json') {
        const answer = specifier.kind === 'engine' ? { engine: specifier.release } : { api: answerApiVersion(index, specifier.version) };
        context.emit(`${JSON.stringify(answer, null, 2)}\n`);
        return;
      }
      context.emit(renderVersionAnswerText(index, specifier));
    },
  );
}
