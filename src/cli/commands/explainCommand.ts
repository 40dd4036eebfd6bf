import type { Argv } from 'yargs';
import { explainFeature } from '../../database/explainFeature.js';
import { renderExplainText } from '../../reporters/explainReport.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';

interface ExplainOptions extends GlobalOptions {
  endpoint: string;
  field?: string;
  param?: string;
  status?: string;
  format: 'text' | 'json';
}

export function registerExplainCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'explain <endpoint>',
    'When an endpoint, parameter or field was added, removed, deprecated and changed',
    (command) =>
      command
        .positional('endpoint', { type: 'string', describe: '"METHOD /path", e.g. "POST /containers/create" or "GET /images/json?manifests"' })
        .option('field', { type: 'string', describe: 'A request body or response field: HostConfig.CgroupnsMode, Mounts[].Type, or its last part' })
        .option('param', { type: 'string', describe: 'A query, path or header parameter' })
        .option('status', { type: 'string', describe: 'Only response fields of this status code' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
        .example('$0 explain "POST /containers/create" --field HostConfig.CgroupnsMode', '')
        .example('$0 explain "GET /images/json?manifests"', ''),
    (argv) => {
      const options = argv as unknown as ExplainOptions;
      const index = context.compatIndex(options);
      const result = explainFeature(index, { endpoint: options.endpoint, field: options.field, param: options.param, status: options.status });
      if (options.format === 'json') {
        context.emit(`${JSON.stringify({ schemaVersion: index.database.schemaVersion, operation: result.operation, features: result.focused ? result.features : result.features.filter((feature) => feature.location !== 'operation') }, null, 2)}\n`);
        return;
      }
      context.emit(renderExplainText(index, result, context.colors('stdout', options.color)));
    },
  );
}
