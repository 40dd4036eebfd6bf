import { createRequire } from 'node:module';
import type { Argv } from 'yargs';
import { isCompatError } from '../errors.js';
import { packageVersion } from '../packageRoot.js';
import { CliContext, type CliIo } from './cliContext.js';
import { registerAuditCommand } from './commands/auditCommand.js';
import { registerDiffCommand } from './commands/diffCommand.js';
import { registerExplainCommand } from './commands/explainCommand.js';
import { registerLintCommand } from './commands/lintCommand.js';
import { registerMatrixCommand } from './commands/matrixCommand.js';
import { registerReportCommand } from './commands/reportCommand.js';
import { registerScanCommand } from './commands/scanCommand.js';
import { registerSpecsCommand } from './commands/specsCommand.js';
import { registerVersionsCommand } from './commands/versionsCommand.js';

// yargs' CommonJS build is one bundled file; its ES module build is some thirty, and loading them
// was a tenth of the start-up time of a quick command such as `explain`.
const yargs = createRequire(import.meta.url)('yargs') as (args?: string[]) => Argv;

export const PROGRAM_NAME = 'docker-api-compat';

/** Exit codes: 0 clean, 1 findings or differences, 2 usage, configuration, data or internal errors. */
export const EXIT_USAGE = 2;

export type CommandRegistrar = (parser: Argv, context: CliContext) => Argv;

const COMMANDS: CommandRegistrar[] = [
  registerScanCommand,
  registerLintCommand,
  registerAuditCommand,
  registerExplainCommand,
  registerDiffCommand,
  registerVersionsCommand,
  registerMatrixCommand,
  registerReportCommand,
  registerSpecsCommand,
];

/** Runs the CLI on `args` and returns the exit code; never calls process.exit. */
export async function main(args: string[], io: CliIo): Promise<number> {
  const context = new CliContext(io);
  let parser: Argv = yargs()
    .scriptName(PROGRAM_NAME)
    .usage(`${PROGRAM_NAME} <command> [options]\n\nDocker Engine API compatibility: what your code needs, what each version offers.`)
    .option('database', { type: 'string', requiresArg: true, describe: 'Compiled database to read instead of the bundled specs/database.json', global: true })
    .option('debug', { type: 'boolean', describe: 'Print stack traces for errors', global: true })
    .option('color', { type: 'boolean', describe: 'Force colours on or off (default: on for terminals, off with NO_COLOR)', global: true })
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .exitProcess(false)
    .version(packageVersion())
    .help()
    .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 100))
    .fail((message, error) => {
      // yargs reports some argument problems as a YError ("Not enough arguments following: target"):
      // those are usage errors too, not internal ones.
      if (error && error.name !== 'YError') throw error;
      throw new UsageMessage(message ?? error?.message ?? 'invalid arguments');
    });
  for (const register of COMMANDS) parser = register(parser, context);

  const debug = args.includes('--debug');
  try {
    let helpOutput = '';
    await parser.parseAsync(args, {}, (_error, _argv, output) => {
      helpOutput = output;
    });
    if (helpOutput) io.stdout.write(`${helpOutput}\n`);
    return context.exitCode;
  } catch (error) {
    return reportError(error, io, debug, args);
  }
}

class UsageMessage extends Error {}

function reportError(error: unknown, io: CliIo, debug: boolean, args: string[]): number {
  if (error instanceof UsageMessage) {
    // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): CI logs and
    // scripts that read stderr get one line, whatever the problem.
    let message = error.message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
    // recommendCommands says only "Did you mean scan?": name what was typed.
    const command = args.find((arg, at) => !arg.startsWith('-') && args[at - 1] !== '--database');
    if (message.startsWith('Did you mean') && command) message = `unknown command "${command}"; ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    io.stderr.write(`${PROGRAM_NAME}: ${message}${message.includes('--help') ? '' : ` (see "${PROGRAM_NAME} --help")`}\n`);
    return EXIT_USAGE;
  }
  if (isCompatError(error)) {
    io.stderr.write(`${PROGRAM_NAME}: ${error.message}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${PROGRAM_NAME}: internal error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}
