import type { Argv } from 'yargs';
import type { CompatIndex } from '../../database/compatIndex.js';
import { engineTarget, type TargetDaemon } from '../../lint/targets.js';
import { parseVersionSpecifier } from '../../versions/versionSpecifier.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';
import { readProjectConfig, scanInputs, withConfigOption, type ConfigOption } from './projectConfig.js';
import { withScanInputs, type ScanInputOptions } from './scanInputOptions.js';

interface AuditCommandOptions extends GlobalOptions, ScanInputOptions, ConfigOption {
  from: string;
  to: string;
  format: 'text' | 'markdown' | 'json';
  output?: string;
}

/** `docker 24.0` is that release's API range; `1.41` an API version with no known minimum. */
function daemonFor(text: string, index: CompatIndex): TargetDaemon {
  const specifier = parseVersionSpecifier(text, index.database, { bareEngine: true });
  if (specifier.kind === 'engine') return engineTarget(specifier.release);
  return { label: `api ${specifier.version}`, kind: 'api', maxApiVersion: specifier.version, minApiVersion: null };
}

export function registerAuditCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'audit [paths..]',
    'Before a daemon upgrade: everything in the code whose behaviour changes between two versions',
    (command) =>
      withConfigOption(withScanInputs(command))
        .option('from', { type: 'string', demandOption: true, describe: 'The daemon today: "docker 24.0", or an API version' })
        .option('to', { type: 'string', demandOption: true, describe: 'The daemon after the upgrade: "docker 29.0"' })
        .option('format', { choices: ['text', 'markdown', 'json'] as const, default: 'text' as const })
        .option('output', { type: 'string', describe: 'Write the report to this file instead of stdout' })
        .example('$0 audit --from "docker 24.0" --to "docker 29.0"', ''),
    async (argv) => {
      const options = argv as unknown as AuditCommandOptions;
      const index = context.compatIndex(options);
      const from = daemonFor(options.from, index);
      const to = daemonFor(options.to, index);
      const [{ scanProject }, { auditUpgrade }, reports] = await Promise.all([
        import('../../analyser/scanProject.js'),
        import('../../lint/audit.js'),
        import('../../reporters/auditReport.js'),
      ]);
      // The configuration says which files to read; its targets and rules are lint's, not the audit's.
      const config = await readProjectConfig(options, context, index);
      const scan = await scanProject({ paths: options.paths, cwd: context.io.cwd, index, ...scanInputs(options, config) });
      const result = auditUpgrade(scan.usages, from, to);
      const text =
        options.format === 'json'
          ? reports.renderAuditJson(result)
          : options.format === 'markdown'
            ? reports.renderAuditMarkdown(result)
            : reports.renderAuditText(result, context.colors('stdout', options.output ? false : options.color));
      context.emit(text, options.output);
      // The audit's reports have no place for scan notes: name files skipped or half-parsed on stderr.
      context.noteIncompleteScan(scan.notes);
      context.exitCode = result.summary.breaking > 0 ? 1 : 0;
    },
  );
}
