import type { Argv } from 'yargs';

/** The options every command that scans code shares: what to read. */
export interface ScanInputOptions {
  paths: string[];
  include?: string | string[];
  ignore?: string | string[];
  gitignore: boolean;
}

export function withScanInputs<T>(command: Argv<T>, pathsDescription = 'Files or folders (default: the current folder)'): Argv<T> {
  return command
    .positional('paths', { type: 'string', array: true, default: [] as string[], describe: pathsDescription })
    .option('include', { type: 'string', requiresArg: true, describe: 'Glob of files to read, replacing the defaults; repeat for several' })
    .option('ignore', { type: 'string', requiresArg: true, describe: 'Glob to skip, besides node_modules, build output and .gitignore; repeat for several' })
    .option('gitignore', { type: 'boolean', default: true, describe: 'Honour .gitignore files; --no-gitignore scans ignored files too' }) as unknown as Argv<T>;
}

/**
 * Repeatable options take one value each (`--target a --target b`), so that a path
 * after them is not swallowed; yargs gives a string for one and an array for several.
 */
export function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}
