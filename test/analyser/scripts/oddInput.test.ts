import { describe, expect, it } from 'vitest';
import { scanScriptFile, type ScriptKind } from '../../../src/analyser/scripts/scanScriptFile.js';
import { fixtureText, index, scanFixture, scanText } from './scriptFixtures.js';

const KINDS: ScriptKind[] = ['shell', 'dockerfile', 'makefile', 'ci-yaml', 'env'];
const MEGABYTE = 1024 * 1024;

/** Deterministic pseudo-random text, so a failure can be reproduced. */
function pseudoRandomText(length: number, seed: number): string {
  let state = seed;
  let text = '';
  for (let at = 0; at < length; at++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += String.fromCharCode(32 + (state % 95));
    if (state % 17 === 0) text += '\n';
  }
  return text;
}

function scanEveryKind(text: string): void {
  for (const kind of KINDS) scanScriptFile('odd', text, kind, { index });
}

describe('odd input', () => {
  it('gives the same findings for a CRLF copy of a script as for the LF original', () => {
    const lf = scanFixture('docker-healthcheck.sh');
    const crlf = scanScriptFile('docker-healthcheck.sh', fixtureText('docker-healthcheck.sh').replace(/\n/g, '\r\n'), 'shell', { index });
    expect(crlf).toEqual(lf);
  });

  it('does not count a byte-order mark as a column', () => {
    const findings = scanText('\uFEFFcurl --unix-socket /var/run/docker.sock http://localhost/v1.41/info\n');
    expect(findings.usages.map((usage) => [usage.line, usage.column])).toEqual([[1, 1]]);
  });

  it('scans a 1 MB line in every kind without throwing, and still finds the call on it', () => {
    const line = `curl --unix-socket /var/run/docker.sock http://localhost/v1.41/info -H 'X-Trace: ${'x'.repeat(MEGABYTE)}'`;
    for (const kind of KINDS) expect(() => scanScriptFile('long', line, kind, { index })).not.toThrow();
    expect(scanText(line).usages.map((usage) => usage.path)).toEqual(['/info']);
  });

  it('skips binary content with a note instead of scanning it', () => {
    const findings = scanScriptFile('tool.sh', '\u007fELF\u0002\u0001\u0001\u0000\u0000curl http://localhost:2375/info', 'shell', { index });
    expect(findings.usages).toEqual([]);
    expect(findings.notes).toEqual([{ file: 'tool.sh', kind: 'skipped', message: 'binary content (NUL bytes); not scanned' }]);
  });

  it('never throws on garbage, unbalanced quotes or pathological nesting, in any kind', () => {
    const inputs = [
      pseudoRandomText(200_000, 7),
      pseudoRandomText(200_000, 42),
      '$('.repeat(50_000),
      '`$(`'.repeat(50_000),
      '${'.repeat(50_000),
      '['.repeat(100_000),
      '- '.repeat(100_000),
      `curl -d '${'['.repeat(50_000)}${']'.repeat(50_000)}' --unix-socket /var/run/docker.sock http://localhost/containers/create`,
      '<<EOF\n'.repeat(10_000),
      'curl "unterminated\ncurl \'also unterminated\n',
    ];
    for (const input of inputs) expect(() => scanEveryKind(input)).not.toThrow();
  });

  it('warns about an unterminated quote and still reads the lines after it', () => {
    const findings = scanText(`echo "never closed\ncurl -s http://localhost:2375/v1.41/info\n`);
    expect(findings.usages.map((usage) => [usage.path, usage.line])).toEqual([['/info', 2]]);
    expect(findings.notes).toEqual([{ file: 'scripts/check.sh', line: 1, kind: 'warning', message: 'unterminated double quote; read as a literal quote' }]);
  });

  it('returns identical, position-ordered findings on every run', () => {
    const first = scanFixture('Makefile');
    expect(scanFixture('Makefile')).toEqual(first);
    const positions = first.usages.map((usage) => usage.line * 100_000 + usage.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
