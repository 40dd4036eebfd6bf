import type { Argv } from 'yargs';
import type { CliContext, GlobalOptions } from '../cliContext.js';
import { asList, withScanInputs, type ScanInputOptions } from './scanInputOptions.js';

interface ScanCommandOptions extends GlobalOptions, ScanInputOptions {
  format: 'stylish' | 'json';
  output?: string;
}

export function registerScanCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'scan [paths..]',
    'Find every Docker Engine API call in JS/TS code and scripts, and the API version each needs',
    (command) =>
      withScanInputs(command)
        .option('format', { choices: ['stylish', 'json'] as const, default: 'stylish' as const })
        .option('output', { type: 'string', describe: 'Write to this file instead of stdout' })
        .example('$0 scan', 'The project in the current folder')
        .example('$0 scan src/ --format json', ''),
    async (argv) => {
      const options = argv as unknown as ScanCommandOptions;
      const index = context.compatIndex(options);
      // ts-morph is large: load it only for the commands that parse code.
      const { scanProject } = await import('../../analyser/scanProject.js');
      const result = await scanProject({ paths: options.paths, cwd: context.io.cwd, index, include: asList(options.include), ignore: asList(options.ignore), gitignore: options.gitignore });
      if (options.format === 'json') {
        const { renderScanJson } = await import('../../reporters/scan/scanJson.js');
        context.emit(renderScanJson(result), options.output);
        return;
      }
      const { renderScanStylish } = await import('../../reporters/scan/scanStylish.js');
      context.emit(renderScanStylish(result, context.colors('stdout', options.output ? false : options.color)), options.output);
    },
  );
}
