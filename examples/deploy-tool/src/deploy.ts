import type Docker from 'dockerode';
import { docker, envList, type AppSpec } from './docker.js';

/** Create and start the app container; returns its id. */
export async function deploy(app: AppSpec): Promise<string> {
  const container = await docker.createContainer({
    name: `${app.name}-${app.release}`,
    Image: app.image,
    Env: envList(app.env),
    ExposedPorts: { [`${app.port}/tcp`]: {} },
    HostConfig: {
      Init: true,
      PortBindings: { [`${app.port}/tcp`]: [{ HostPort: String(app.port) }] },
      RestartPolicy: { Name: 'unless-stopped' },
      // added in API 1.43: silently dropped by a client pinned to 1.41
      Annotations: { 'com.example.release': app.release },
    } as Docker.HostConfig,
  });
  await container.start();
  return container.id;
}

/** Stop the previous release, giving it SIGQUIT for a graceful drain. */
export async function retire(id: string): Promise<void> {
  const container = docker.getContainer(id);
  await container.stop({ t: 30, signal: 'SIGQUIT' });
  await container.remove({ v: true });
}

export async function previousReleases(app: AppSpec): Promise<string[]> {
  const containers = await docker.listContainers({
    all: true,
    filters: { name: [`${app.name}-`] },
  });
  return containers
    .filter((c) => !c.Names.includes(`/${app.name}-${app.release}`))
    .map((c) => c.Id);
}
