import type { Argv } from 'yargs';
import type { CliContext, GlobalOptions } from '../cliContext.js';

interface ScanCommandOptions extends GlobalOptions {
  paths: string[];
  format: 'stylish' | 'json';
  include?: string[];
  ignore?: string[];
  output?: string;
}

export function registerScanCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'scan [paths..]',
    'Find every Docker Engine API call in JS/TS code and scripts, and the API version each needs',
    (command) =>
      command
        .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'Files or folders (default: the current folder)' })
        .option('format', { choices: ['stylish', 'json'] as const, default: 'stylish' as const })
        .option('include', { type: 'string', array: true, describe: 'Glob(s) of files to read, replacing the defaults' })
        .option('ignore', { type: 'string', array: true, describe: 'Glob(s) to skip, besides node_modules, build output and .gitignore' })
        .option('output', { type: 'string', describe: 'Write to this file instead of stdout' })
        .example('$0 scan', 'The project in the current folder')
        .example('$0 scan src/ --format json', ''),
    async (argv) => {
      const options = argv as unknown as ScanCommandOptions;
      const index = context.compatIndex(options);
      // ts-morph is large: load it only for the commands that parse code.
      const { scanProject } = await import('../../analyser/scanProject.js');
      const result = await scanProject({ paths: options.paths, cwd: context.io.cwd, index, include: options.include, ignore: options.ignore });
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
