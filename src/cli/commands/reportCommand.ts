import type { Argv } from 'yargs';
import { DEFAULT_TARGET, resolveTargets } from '../../lint/targets.js';
import { packageVersion } from '../../packageRoot.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';
import { readProjectConfig, scanInputs, withConfigOption, type ConfigOption } from './projectConfig.js';
import { asList, withScanInputs, type ScanInputOptions } from './scanInputOptions.js';

interface ReportCommandOptions extends GlobalOptions, ScanInputOptions, ConfigOption {
  target?: string | string[];
  format: 'html' | 'markdown';
  output?: string;
  title?: string;
  generatedAt?: string;
}

export function registerReportCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'report [paths..]',
    'A compatibility report of the code in paths (summary, support per engine release, call-sites), or without paths the whole API, as one offline HTML page or Markdown',
    (command) =>
      withConfigOption(withScanInputs(command, 'Files or folders to report on (none: the whole-API explorer)'))
        .option('target', { type: 'string', requiresArg: true, describe: `A daemon the code must work with, as for lint; repeat for several (default: the configuration's targets, else ${DEFAULT_TARGET})` })
        .option('format', { choices: ['html', 'markdown'] as const, default: 'html' as const })
        .option('output', { type: 'string', describe: 'Write the report to this file (written whole, atomically) instead of stdout' })
        .option('title', { type: 'string', describe: 'The report title' })
        .option('generated-at', { type: 'string', describe: 'A date or build id to print in the footer (none by default, so that output is reproducible)' })
        .example('$0 report src/ --output compat.html', 'the code’s report as one HTML file')
        .example('$0 report . --format markdown --target "docker >= 25.0"', 'for a pull-request comment')
        .example('$0 report --output api.html', 'every endpoint and feature of the API, filterable'),
    async (argv) => {
      const options = argv as unknown as ReportCommandOptions;
      const index = context.compatIndex(options);
      const report = await import('../../report/index.js');
      const common = { title: options.title, generatedAt: options.generatedAt, toolVersion: packageVersion() };
      if (options.paths.length === 0) {
        const text = options.format === 'markdown' ? report.renderExplorerMarkdown(index.database, common) : report.renderExplorerHtml(index.database, common);
        context.emit(text, options.output);
        context.exitCode = 0;
        return;
      }
      // The report shows what lint would: the same targets, rule severities, files and baseline.
      const config = await readProjectConfig(options, context, index);
      const targets = resolveTargets(asList(options.target) ?? config.targets ?? [DEFAULT_TARGET], index.database);
      const [{ scanProject }, { runLint }, { RULE_LIST }, { readBaseline }] = await Promise.all([
        import('../../analyser/scanProject.js'),
        import('../../lint/runLint.js'),
        import('../../../rules/index.js'),
        import('../../lint/baseline.js'),
      ]);
      const scan = await scanProject({ paths: options.paths, cwd: context.io.cwd, index, ...scanInputs(options, config) });
      const baseline = config.baseline ? readBaseline(config.baseline) : undefined;
      const lint = runLint({ scan, index, targets, rules: RULE_LIST, settings: config.rules, directives: scan.directives, baseline });
      const model = report.buildCodeReport({ scan, findings: lint.findings, index, targets });
      const text =
        options.format === 'markdown'
          ? report.renderCodeReportMarkdown(model, { ...common, paths: options.paths })
          : report.renderCodeReportHtml(model, index.database, { ...common, paths: options.paths });
      context.emit(text, options.output);
      // The Markdown report has no notes section (the HTML one has): say on stderr what was not fully scanned.
      if (options.format === 'markdown') context.noteIncompleteScan(scan.notes);
      context.exitCode = 0;
    },
  );
}
