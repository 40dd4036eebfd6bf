import type { Argv } from 'yargs';
import type { CompatIndex } from '../../database/compatIndex.js';
import type { LintConfig } from '../../config/loadConfig.js';
import type { CliContext } from '../cliContext.js';
import { asList, type ScanInputOptions } from './scanInputOptions.js';

/** The option of the commands that read the project's configuration: lint, report and audit. */
export interface ConfigOption {
  /** A file name; false for --no-config. */
  config?: string | string[] | false;
}

export function withConfigOption<T>(command: Argv<T>): Argv<T> {
  return command.option('config', { type: 'string', describe: 'Configuration file to read instead of searching for one; --no-config reads none (see docs/configuration.md)' }) as unknown as Argv<T>;
}

/**
 * The project's configuration (docs/configuration.md): the file --config names, none with
 * --no-config, else the nearest one from the working folder up. Loaded on demand: the YAML
 * parser costs time that commands without a configuration would pay at start-up.
 */
export async function readProjectConfig(options: ConfigOption, context: CliContext, index: CompatIndex): Promise<LintConfig> {
  const { loadConfigOption } = await import('../../config/loadConfig.js');
  return (await loadConfigOption(options.config, { cwd: context.io.cwd, targetContext: index.database })).config;
}

/** Which files to read: --include and --ignore replace the configuration's lists. */
export function scanInputs(options: ScanInputOptions, config: LintConfig): { include?: string[]; ignore?: string[]; gitignore: boolean } {
  return { include: asList(options.include) ?? config.include, ignore: asList(options.ignore) ?? config.ignore, gitignore: options.gitignore };
}
