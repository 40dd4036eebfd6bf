import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

/**
 * Fields read from the JSON documents a streaming endpoint sends (events, stats): the
 * stream's chunks or lines parsed with JSON.parse are documents of the response; the text
 * itself (a chunk's length, a log line) is not a field.
 */
const project = mkdtempSync(join(tmpdir(), 'dac-streams-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'monitor', version: '1.0.0', type: 'module' }),
  'src/monitor.ts': `import Docker from 'dockerode';
import { createInterface } from 'node:readline';

const docker = new Docker({ version: 'v1.45' });

export async function watchStats(id: string): Promise<void> {
  const stream = await docker.getContainer(id).stats();
  stream.on('data', (chunk: Buffer) => {
    if (chunk.length === 0) return;
    const sample = JSON.parse(chunk.toString());
    console.log(sample.memory_stats.usage, sample.cpu_stats.online_cpus);
  });
}

export async function watchDeaths(onDeath: (name: string) => void): Promise<void> {
  const events = await docker.getEvents({ filters: { event: ['die'] } });
  for await (const line of createInterface({ input: events })) {
    const { Actor, time } = JSON.parse(line);
    onDeath(\`\${Actor.ID.slice(0, 12)} at \${time}\`);
  }
}

export async function tail(id: string): Promise<void> {
  const stream = await docker.getContainer(id).logs({ follow: true, stdout: true });
  stream.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().trim().padEnd(80)));
}
`,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}

describe('response fields read from a stream of JSON documents', () => {
  it('follows chunks and lines through JSON.parse, and reports no field for the text itself', () => {
    const result = runCli(['scan', '--format', 'json'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const usages = JSON.parse(result.stdout).usages as Array<{ line: number; path: string; response: string[] }>;
    expect(usages.map(({ line, path, response }) => [line, path, response])).toEqual([
      [7, '/containers/{id}/stats', ['cpu_stats.online_cpus', 'memory_stats.usage']],
      [16, '/events', ['Actor.ID', 'time']],
      [24, '/containers/{id}/logs', []],
    ]);
  });
});
