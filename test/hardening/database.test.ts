import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOneLineError, filesIn, HARDENING_FIXTURES, REPO_ROOT, removeTemporaryFolders, runCli, temporaryProject } from './hardening.js';

/**
 * A bad compiled database (`--database FILE`): one line naming the file and what is wrong,
 * exit 2, for every command that reads it, and no output file written.
 */

const DATABASE = readFileSync(join(REPO_ROOT, 'specs/database.json'));
const CHECKSUM_PREFIX = '  "checksum": "sha256:';
const PROJECT = join(HARDENING_FIXTURES, 'syntax-error');

/** The database text with its checksum recomputed as serializeDatabase computes it. */
function withChecksum(text: string): string {
  const body = text.slice(0, text.lastIndexOf(CHECKSUM_PREFIX));
  return `${body}${CHECKSUM_PREFIX}${createHash('sha256').update(body).digest('hex')}"\n}\n`;
}

afterAll(removeTemporaryFolders);

describe('a bad compiled database', () => {
  const folder = temporaryProject();
  const flipped = Buffer.from(DATABASE);
  flipped[Math.floor(flipped.length / 2)] ^= 0x01;
  const future = withChecksum(DATABASE.toString('utf8').replace('"schemaVersion": 1,', '"schemaVersion": 2,'));
  const cases: Array<[string, string | Buffer, string]> = [
    ['flipped.json', flipped, 'the compatibility database is damaged (checksum mismatch); reinstall the package or run "specs compile"'],
    ['truncated.json', DATABASE.subarray(0, Math.floor(DATABASE.length / 2)), 'the compatibility database has no checksum; rebuild it with "specs compile"'],
    ['cut-at-the-end.json', DATABASE.subarray(0, DATABASE.length - 3), 'the compatibility database is not valid JSON: '],
    ['empty.json', '', 'the compatibility database has no checksum; rebuild it with "specs compile"'],
    ['future.json', future, 'database schemaVersion 2 is not supported (this version reads 1)'],
  ];
  const files = Object.fromEntries(cases.map(([name, content]) => [name, content]));
  const root = temporaryProject(files);

  it('the recomputed checksum really is the one serializeDatabase writes', () => {
    expect(withChecksum(DATABASE.toString('utf8'))).toBe(DATABASE.toString('utf8'));
  });

  it.each(cases.map(([name, , message]) => [name, message]))('%s', (name, message) => {
    const path = join(root, name);
    for (const args of [['scan', '.'], ['lint', '.', '--format', 'sarif', '--output', join(folder, 'out.sarif')], ['versions'], ['explain', 'GET /_ping']]) {
      const result = runCli([...args, '--database', path], { cwd: PROJECT });
      expectOneLineError(result, new RegExp(`^${escape(`${path}: ${message}`)}`));
    }
    expect(filesIn(folder)).toEqual([]);
  });

  it('a database that does not exist', () => {
    expectOneLineError(runCli(['scan', '--database', '/nope.json'], { cwd: PROJECT }), '/nope.json: cannot read the compatibility database (file not found); run "specs compile"');
  });

  it('a folder given as the database', () => {
    expectOneLineError(runCli(['versions', '--database', root], { cwd: PROJECT }), new RegExp(`^${escape(root)}: cannot read the compatibility database \\(EISDIR`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
