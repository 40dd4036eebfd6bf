import type { Argv } from 'yargs';
import { parseEndpoint } from '../../database/explainFeature.js';
import { renderMatrixCsv, renderMatrixJson, renderMatrixMarkdown, renderMatrixText } from '../../reporters/matrixReport.js';
import { FEATURE_LOCATIONS, type FeatureLocation } from '../../surface/feature.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';

interface MatrixOptions extends GlobalOptions {
  format: 'text' | 'markdown' | 'csv' | 'json';
  endpoint?: string;
  location?: FeatureLocation[];
  output?: string;
}

export function registerMatrixCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'matrix',
    'The compatibility database: every feature with the version it was added, removed and deprecated in',
    (command) =>
      command
        .option('format', { choices: ['text', 'markdown', 'csv', 'json'] as const, default: 'text' as const, describe: 'json prints the whole database (see docs/database-format.md)' })
        .option('endpoint', { type: 'string', describe: 'Only the features of one endpoint, "METHOD /path"' })
        .option('location', { choices: FEATURE_LOCATIONS, array: true, describe: 'Only these kinds of feature (text and markdown default to operation)' })
        .option('output', { type: 'string', describe: 'Write to this file instead of stdout' })
        .example('$0 matrix --format json', 'The whole database')
        .example('$0 matrix --endpoint "GET /images/json" --location query', ''),
    (argv) => {
      const options = argv as unknown as MatrixOptions;
      const index = context.compatIndex(options);
      let features = index.database.features;
      if (options.endpoint) features = parseEndpoint(options.endpoint, index).operation.features;
      const locations = options.location ?? (options.format === 'json' || options.format === 'csv' || options.endpoint ? undefined : ['operation']);
      if (locations) features = features.filter((feature) => locations.includes(feature.location));
      const render = { text: renderMatrixText, markdown: renderMatrixMarkdown, csv: renderMatrixCsv, json: (selected: typeof features) => renderMatrixJson(index.database, selected) };
      context.emit(render[options.format](features), options.output);
    },
  );
}
