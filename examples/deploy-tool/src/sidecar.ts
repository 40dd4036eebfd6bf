import { envList, sidecarClient, type AppSpec } from './docker.js';

/**
 * Start a log-shipping sidecar next to the app. Licence-bound shipper
 * images check the MAC address, so we keep it stable per app.
 */
export async function startLogShipper(app: AppSpec, appContainerId: string): Promise<string> {
  const docker = sidecarClient();
  const container = await docker.createContainer({
    name: `${app.name}-logs`,
    Image: 'fluent/fluent-bit:3.1',
    Env: envList({ APP: app.name }),
    MacAddress: '02:42:ac:11:00:99',
    HostConfig: {
      NetworkMode: `container:${appContainerId}`,
      Binds: ['/var/lib/docker/containers:/var/lib/docker/containers:ro'],
    },
  });
  await container.start();
  return container.id;
}

/** The shipper is healthy once its HTTP server answers. */
export async function shipperHealthy(id: string): Promise<boolean> {
  const docker = sidecarClient();
  const info = await docker.getContainer(id).inspect();
  return info.State.Running && info.State.Health?.Status !== 'unhealthy';
}

export async function removeLogShipper(app: AppSpec): Promise<void> {
  const docker = sidecarClient();
  await docker.getContainer(`${app.name}-logs`).remove({ force: true });
}
