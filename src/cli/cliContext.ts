import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { CompatIndex } from '../database/compatIndex.js';
import { defaultDatabasePath, loadDatabase } from '../database/compatDatabase.js';

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
    this.index ??= new CompatIndex(loadDatabase(options.database ? resolve(this.io.cwd, options.database) : defaultDatabasePath()));
    return this.index;
  }

  resolvePath(path: string): string {
    return resolve(this.io.cwd, path);
  }

  /** Writes a command's result to stdout, or atomically to --output. */
  emit(text: string, output?: string): void {
    if (output) writeFileAtomically(this.resolvePath(output), text);
    else this.io.stdout.write(text);
  }

  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}

/** Writes beside the target and renames, so that readers never see half a file. */
export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
