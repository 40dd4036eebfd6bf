import type { Argv } from 'yargs';
import { CompatError } from '../../errors.js';
import { DEFAULT_TARGET, resolveTargets } from '../../lint/targets.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';

export interface LintCommandOptions extends GlobalOptions {
  paths: string[];
  target?: string[];
  format: 'stylish' | 'json' | 'sarif' | 'github' | 'markdown';
  output?: string;
  maxWarnings?: number;
  include?: string[];
  ignore?: string[];
}

export function registerLintCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'lint [paths..]',
    'Check the code against target Docker Engine versions with the rules in rules/',
    (command) =>
      command
        .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'Files or folders (default: the current folder)' })
        .option('target', { type: 'string', array: true, describe: `Daemons the code must work with, e.g. "docker >= 24.0" (default: ${DEFAULT_TARGET}); see docs/targets.md` })
        .option('format', { choices: ['stylish', 'json', 'sarif', 'github', 'markdown'] as const, default: 'stylish' as const })
        .option('output', { type: 'string', describe: 'Write the report to this file (written whole, atomically)' })
        .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
        .option('include', { type: 'string', array: true, describe: 'Glob(s) of files to read, replacing the defaults' })
        .option('ignore', { type: 'string', array: true, describe: 'Glob(s) to skip' }),
    async (argv) => {
      const options = argv as unknown as LintCommandOptions;
      const index = context.compatIndex(options);
      const targets = resolveTargets(options.target && options.target.length > 0 ? options.target : [DEFAULT_TARGET], index.database);
      const [{ scanProject }, { runLint }, { RULE_LIST }, { renderFindingsStylish }] = await Promise.all([
        import('../../analyser/scanProject.js'),
        import('../../lint/runLint.js'),
        import('../../../rules/index.js'),
        import('../../reporters/findings/findingsStylish.js'),
      ]);
      if (options.maxWarnings !== undefined && (!Number.isInteger(options.maxWarnings) || options.maxWarnings < 0)) {
        throw new CompatError('usage', `--max-warnings takes a whole number of 0 or more, got ${options.maxWarnings}`);
      }
      const scan = await scanProject({ paths: options.paths, cwd: context.io.cwd, index, include: options.include, ignore: options.ignore });
      const result = runLint({ scan, index, targets, rules: RULE_LIST, directives: scan.directives });
      context.emit(renderFindingsStylish(result.findings, { targets, scan }, context.colors('stdout', options.output ? false : options.color)), options.output);
      const active = result.findings.filter((finding) => !finding.suppression);
      const errors = active.filter((finding) => finding.severity === 'error').length;
      const warnings = active.filter((finding) => finding.severity === 'warning').length;
      context.exitCode = errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings) ? 1 : 0;
    },
  );
}
