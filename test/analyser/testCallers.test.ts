import { afterAll, describe, expect, it } from 'vitest';
import { scanUsages } from '../helpers/runCli.js';
import { removeTemporaryFolders, temporaryProject } from '../helpers/temporaryProject.js';

/**
 * A value is resolved at its function's call-sites, tests included; a test's stand-in
 * cast to never (`fn(input as never)`, to pass what the type forbids) says nothing about
 * what the code sends, and used to turn `Image: image` into Image.id, Image.url, ...
 */
afterAll(removeTemporaryFolders);

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'cli', version: '1.0.0', type: 'module' }),
  'src/services/engineApi.ts': `import Dockerode from 'dockerode';

const docker = new Dockerode({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });

export async function startTool(image: string = 'postgres:16', command: string[] = ['sh']): Promise<string> {
  const container = await docker.createContainer({ Image: image, Cmd: command, Tty: false });
  await container.start();
  return container.id;
}
`,
  'test/integration/engineApi.test.ts': `import { describe, expect, it } from 'vitest';
import { startTool } from '../../src/services/engineApi';

describe('startTool', () => {
  it('starts the default image', async () => {
    const id = await startTool();
    expect(id).toHaveLength(64);
  });

  it('rejects a malformed image', () => {
    const input = { id: 'role_377', url: 'https://acme.dev/x', amount: 42 };
    const first = startTool(input as never);
    return expect(first).rejects.toThrow();
  });
});
`,
};
const project = temporaryProject(files);

describe('call-sites in tests', () => {
  it('a stand-in cast to never adds no field under the parameter it is passed for', () => {
    expect(scanUsages(project).map(({ line, path, body }) => [line, path, body])).toEqual([
      [6, '/containers/create', ['Cmd', 'Image', 'Tty']],
      [7, '/containers/{id}/start', []],
    ]);
  });
});
