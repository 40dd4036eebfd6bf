import { afterAll, describe, expect, it } from 'vitest';
import { scanUsages } from '../helpers/runCli.js';
import { removeTemporaryFolders, temporaryProject } from '../helpers/temporaryProject.js';

/**
 * The scan parses files with Docker markers and their neighbours; modules further away
 * are parsed when a value the analysis needs comes from them: a version pin in a config
 * module two imports away from the client, options behind a package's index file.
 */
afterAll(removeTemporaryFolders);

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'deployer', version: '1.0.0', type: 'module' }),
  'src/docker/client.ts': `import Docker from 'dockerode';
import { engine } from '../config';

export const docker = new Docker({ socketPath: '/var/run/docker.sock', version: engine.apiVersion });
`,
  'src/config/index.ts': `export * from './engine';
export * from './limits';
`,
  'src/config/engine.ts': `import { DEFAULTS } from './defaults';

export const engine = { apiVersion: DEFAULTS.engineApi, timeoutMs: DEFAULTS.timeoutMs };
`,
  'src/config/defaults.ts': `export const DEFAULTS = { engineApi: 'v1.43', timeoutMs: 30_000 } as const;
`,
  'src/config/limits.ts': `export const LIMITS = { memory: 512 * 1024 * 1024 };
`,
  'src/deploy.ts': `import { docker } from './docker/client';
import { hostConfig } from './options';

export async function deploy(image: string) {
  const container = await docker.createContainer({ Image: image, HostConfig: hostConfig() });
  await container.start();
  return container.id;
}
`,
  'src/options/index.ts': `export { hostConfig } from './hostConfig';
`,
  'src/options/hostConfig.ts': `import { LIMITS } from '../config/limits';

export function hostConfig() {
  return { Memory: LIMITS.memory, Init: true, CgroupnsMode: 'private' };
}
`,
};
const project = temporaryProject(files);

describe('values from modules outside the parse set', () => {
  const usages = scanUsages(project);

  it('finds a version pin two imports and a re-export away from the client', () => {
    expect(usages.map((usage) => [usage.file, usage.line, usage.path, usage.pinnedVersion])).toEqual([
      ['src/deploy.ts', 5, '/containers/create', '1.43'],
      ['src/deploy.ts', 6, '/containers/{id}/start', '1.43'],
    ]);
  });

  it('reads options built by a function behind an index file', () => {
    expect(usages[0].body).toEqual(['HostConfig.CgroupnsMode', 'HostConfig.Init', 'HostConfig.Memory', 'Image']);
    expect(usages[0].dynamic).toEqual([]);
  });
});
