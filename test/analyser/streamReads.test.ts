import { afterAll, describe, expect, it } from 'vitest';
import { scanUsages } from '../helpers/runCli.js';
import { removeTemporaryFolders, temporaryProject } from '../helpers/temporaryProject.js';

/**
 * Fields read from the JSON documents a streaming endpoint sends (events, stats): the
 * stream's chunks or lines parsed with JSON.parse are documents of the response; the text
 * itself (a chunk's length, a log line) is not a field.
 */
afterAll(removeTemporaryFolders);

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
const project = temporaryProject(files);

describe('response fields read from a stream of JSON documents', () => {
  it('follows chunks and lines through JSON.parse, and reports no field for the text itself', () => {
    expect(scanUsages(project).map(({ line, path, response }) => [line, path, response])).toEqual([
      [7, '/containers/{id}/stats', ['cpu_stats.online_cpus', 'memory_stats.usage']],
      [16, '/events', ['Actor.ID', 'time']],
      [24, '/containers/{id}/logs', []],
    ]);
  });
});
