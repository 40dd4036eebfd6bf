import type { Argv } from 'yargs';
import { CompatError } from '../../errors.js';
import { DEFAULT_TARGET, resolveTargets } from '../../lint/targets.js';
import { writeFileAtomically, type CliContext, type GlobalOptions } from '../cliContext.js';
import { FINDINGS_FORMATS, type FindingsFormat } from '../../reporters/findings/findingsFormats.js';
import { readProjectConfig, scanInputs, withConfigOption, type ConfigOption } from './projectConfig.js';
import { asList, withScanInputs, type ScanInputOptions } from './scanInputOptions.js';
import { plural } from '../../text.js';

export interface LintCommandOptions extends GlobalOptions, ScanInputOptions, ConfigOption {
  target?: string | string[];
  format: FindingsFormat;
  output?: string;
  maxWarnings?: number;
  /** `--daemon` alone is '' (DOCKER_HOST or the local socket). */
  daemon?: string | string[];
  daemonTimeout?: number;
  baseline?: string;
  updateBaseline?: boolean;
}

export function registerLintCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'lint [paths..]',
    'Check the code against target Docker Engine versions with the rules in rules/',
    (command) =>
      withConfigOption(withScanInputs(command))
        .option('target', { type: 'string', requiresArg: true, describe: `A daemon the code must work with, e.g. "docker >= 24.0"; repeat for several (default: ${DEFAULT_TARGET}); see docs/targets.md` })
        .option('format', { choices: FINDINGS_FORMATS, default: 'stylish' as const })
        .option('output', { type: 'string', describe: 'Write the report to this file (written whole, atomically)' })
        .option('max-warnings', { type: 'number', requiresArg: true, describe: 'Exit 1 when there are more warnings than this' })
        .option('daemon', { type: 'string', describe: 'Also target a running daemon, asked for its API range: alone for DOCKER_HOST or the local socket, or unix:///path, tcp://host:port, http://host:port; without --target, the only target' })
        .option('daemon-timeout', { type: 'number', describe: 'How long to wait for --daemon, in ms (default 5000)' })
        .option('baseline', { type: 'string', describe: 'Accept the findings listed in this file (see --update-baseline); new findings still count' })
        .option('update-baseline', { type: 'boolean', default: false, describe: 'Write the current findings to the --baseline file (or the config\'s) and exit 0' }),
    async (argv) => {
      const options = argv as unknown as LintCommandOptions;
      const index = context.compatIndex(options);
      const config = await readProjectConfig(options, context, index);
      // Loaded here, not at start-up: the daemon client costs time every other command would pay.
      const { daemonOption } = await import('../../daemon/daemonOption.js');
      const daemon = await daemonOption(options.daemon, options.daemonTimeout, { env: context.io.env, cwd: context.io.cwd, apiVersions: index.database.apiVersions, note: (text) => context.note(text) });
      const targetQueries = asList(options.target) ?? config.targets ?? (daemon ? [] : [DEFAULT_TARGET]);
      const targets = [...(targetQueries.length > 0 ? resolveTargets(targetQueries, index.database) : []), ...(daemon?.targets ?? [])];
      const [{ scanProject }, { runLint }, { RULE_LIST }, { renderFindings }, { createFindingsReportContext }] = await Promise.all([
        import('../../analyser/scanProject.js'),
        import('../../lint/runLint.js'),
        import('../../../rules/index.js'),
        import('../../reporters/findings/renderFindings.js'),
        import('../../reporters/findings/findingsReportContext.js'),
      ]);
      if (options.maxWarnings !== undefined && (!Number.isInteger(options.maxWarnings) || options.maxWarnings < 0)) {
        throw new CompatError('usage', `--max-warnings takes a whole number of 0 or more, got ${options.maxWarnings}`);
      }
      const scan = await scanProject({ paths: [...options.paths, ...(daemon?.paths ?? [])], cwd: context.io.cwd, index, ...scanInputs(options, config) });
      const baselinePath = options.baseline ? context.resolvePath(options.baseline) : config.baseline;
      if (options.updateBaseline && !baselinePath) throw new CompatError('usage', '--update-baseline needs --baseline FILE (or "baseline" in the configuration)');
      const { readBaseline, serializeBaseline } = await import('../../lint/baseline.js');
      const baseline = baselinePath && !options.updateBaseline ? readBaseline(baselinePath) : undefined;
      const result = runLint({ scan, index, targets, rules: RULE_LIST, settings: config.rules, directives: scan.directives, baseline });
      if (options.updateBaseline) {
        writeFileAtomically(baselinePath!, serializeBaseline(result.findings));
        context.note(`wrote ${plural(result.findings.filter((finding) => !finding.suppression).length, 'finding')} to ${baselinePath}`);
        context.exitCode = 0;
        return;
      }
      const reportContext = createFindingsReportContext({ targets, scan, rules: RULE_LIST, engines: index.database.engines });
      const paint = context.colors('stdout', options.output ? false : options.color);
      context.emit(renderFindings(options.format, result.findings, reportContext, paint), options.output);
      // After the report, so that a run that fails (a missing baseline) still says only why.
      context.noteIncompleteScan(scan.notes);
      const active = result.findings.filter((finding) => !finding.suppression);
      const errors = active.filter((finding) => finding.severity === 'error').length;
      const warnings = active.filter((finding) => finding.severity === 'warning').length;
      context.exitCode = errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings) ? 1 : 0;
    },
  );
}
