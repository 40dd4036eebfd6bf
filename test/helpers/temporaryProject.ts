import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Temporary projects for tests that run the CLI on files they write: one folder per
 * call, removed by removeTemporaryFolders (call it in afterAll).
 */
const made: string[] = [];

/** A fresh temporary folder holding `files` (text or bytes); removed by `removeTemporaryFolders`. */
export function temporaryProject(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'dac-project-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) writeInto(root, path, content);
  return root;
}

export function writeInto(root: string, path: string, content: string | Buffer): string {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return absolute;
}

export function removeTemporaryFolders(): void {
  for (const root of made.splice(0)) {
    // chmod 000 folders left by a failed test would stop rmSync for a non-root user.
    restorePermissions(root);
    rmSync(root, { recursive: true, force: true });
  }
}

function restorePermissions(folder: string): void {
  try {
    chmodSync(folder, 0o755);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) restorePermissions(join(folder, entry.name));
      else if (entry.isFile()) chmodSync(join(folder, entry.name), 0o644);
    }
  } catch {
    // Best effort: rmSync with force reports nothing either.
  }
}
