import type { Argv } from 'yargs';
import { diffVersionRange } from '../../database/versionDiff.js';
import { compareSeverity, SEVERITY_ORDER, type ChangeSeverity } from '../../diff/changeKinds.js';
import { CompatError } from '../../errors.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../reporters/diffReport.js';
import { resolveSpecVersion } from '../../versions/versionSpecifier.js';
import type { CliContext, GlobalOptions } from '../cliContext.js';

interface DiffOptions extends GlobalOptions {
  from: string;
  to: string;
  only?: string[];
  all: boolean;
  format: 'text' | 'markdown' | 'json';
  failOn?: ChangeSeverity;
  output?: string;
}

function parseSeverities(values: string[] | undefined): ChangeSeverity[] | undefined {
  if (!values || values.length === 0) return undefined;
  const names = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  for (const name of names) {
    if (!SEVERITY_ORDER.includes(name as ChangeSeverity)) {
      throw new CompatError('usage', `unknown severity "${name}" for --only: use ${SEVERITY_ORDER.join(', ')}`);
    }
  }
  return names as ChangeSeverity[];
}

export function registerDiffCommand(parser: Argv, context: CliContext): Argv {
  return parser.command(
    'diff <from> <to>',
    'What changed between two API versions or engine releases, breaking changes first',
    (command) =>
      command
        .positional('from', { type: 'string', describe: 'Older version: 1.43, v1.43 or "docker 24.0"' })
        .positional('to', { type: 'string', describe: 'Newer version' })
        .option('only', { type: 'string', array: true, describe: `Only these severities (${SEVERITY_ORDER.join(', ')}); repeat or separate with commas` })
        .option('all', { type: 'boolean', default: false, describe: 'Also list changes implied by their parent (each field of a removed endpoint)' })
        .option('format', { choices: ['text', 'markdown', 'json'] as const, default: 'text' as const })
        .option('fail-on', { choices: SEVERITY_ORDER, describe: 'Exit 1 when a change of this severity or a worse one is listed' })
        .option('output', { type: 'string', describe: 'Write to this file instead of stdout' })
        .example('$0 diff 1.43 1.44', '')
        .example('$0 diff "docker 24.0" "docker 29.0" --only breaking --format markdown', ''),
    (argv) => {
      const options = argv as unknown as DiffOptions;
      const index = context.compatIndex(options);
      const from = resolveSpecVersion(options.from, index.database);
      const to = resolveSpecVersion(options.to, index.database);
      const diff = diffVersionRange(index, from, to, { includeImplied: options.all, severities: parseSeverities(options.only) });
      const paint = context.colors('stdout', options.output ? false : options.color);
      const text =
        options.format === 'json' ? renderDiffJson(index, diff) : options.format === 'markdown' ? renderDiffMarkdown(index, diff) : renderDiffText(index, diff, paint);
      context.emit(text, options.output);
      if (options.failOn && diff.changes.some((change) => compareSeverity(change.severity, options.failOn!) <= 0)) context.exitCode = 1;
    },
  );
}
