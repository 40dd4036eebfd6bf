import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { CompatIndex } from '../database/compatIndex.js';
import { CompatError } from '../errors.js';
import type { ScanNote } from '../analyser/usage.js';
import { defaultDatabasePath, loadDatabase } from '../database/compatDatabase.js';
import { plural } from '../text.js';

/** The streams and environment a CLI run works with; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface GlobalOptions {
  database?: string;
  debug?: boolean;
  color?: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** What every command handler receives. */
export class CliContext {
  readonly io: CliIo;
  exitCode = 0;
  private index?: CompatIndex;

  constructor(io: CliIo) {
    this.io = io;
  }

  colors(stream: 'stdout' | 'stderr' = 'stdout', option?: boolean): Colors {
    if (option !== undefined) return pc.createColors(option);
    if (this.io.env.NO_COLOR) return pc.createColors(false);
    if (this.io.env.FORCE_COLOR && this.io.env.FORCE_COLOR !== '0') return pc.createColors(true);
    return pc.createColors(Boolean(this.io[stream].isTTY));
  }

  compatIndex(options: GlobalOptions): CompatIndex {
    // `--database ""` (an unset variable in a script) must not quietly mean the bundled database.
    if (options.database === '') throw new CompatError('usage', '--database: empty file name');
    this.index ??= new CompatIndex(loadDatabase(options.database ? resolve(this.io.cwd, options.database) : defaultDatabasePath()));
    return this.index;
  }

  resolvePath(path: string): string {
    return resolve(this.io.cwd, path);
  }

  /** Writes a command's result to stdout, or atomically to --output. */
  emit(text: string, output?: string): void {
    if (output) writeFileAtomically(this.resolvePath(output), text, output);
    else this.io.stdout.write(text);
  }

  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /**
   * For commands whose reports have no place for scan notes (lint's formats): files skipped or
   * parsed only in part are named on stderr, so that a clean report is never read as complete.
   */
  noteIncompleteScan(notes: readonly ScanNote[]): void {
    const incomplete = notes.filter((note) => note.kind !== 'warning');
    for (const note of incomplete.slice(0, MAX_NOTES_SHOWN)) this.note(`${note.kind}: ${note.file}${note.line ? `:${note.line}` : ''}: ${note.message}`);
    if (incomplete.length > MAX_NOTES_SHOWN) this.note(`... and ${plural(incomplete.length - MAX_NOTES_SHOWN, 'more file')} not fully scanned ("scan" lists them all)`);
  }
}

const MAX_NOTES_SHOWN = 20;

/**
 * Writes beside the target and renames, so that readers never see half a file. A file that
 * cannot be written (a folder in the way, no permission, disk full) is a one-line error naming it.
 */
export function writeFileAtomically(path: string, text: string, displayPath: string = path): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there (its folder could not be made): nothing to remove.
    }
    throw new CompatError('usage', `${displayPath}: cannot write the output (${writeErrorText(error as NodeJS.ErrnoException)})`, { cause: error });
  }
}

function writeErrorText(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EISDIR':
      return 'it is a folder';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file stands where its folder should be';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error.code ?? error.message;
  }
}
