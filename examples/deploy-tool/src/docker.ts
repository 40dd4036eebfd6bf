/**
 * Docker clients used by the deploy tool.
 */
import Docker from 'dockerode';

export const SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';

/**
 * Pinned when the tool was written, against Docker 20.10 hosts.
 * Everything created through this client speaks API 1.41.
 */
export const docker = new Docker({ socketPath: SOCKET, version: 'v1.41' });

/**
 * The sidecar helper was contributed later and builds its own client,
 * without a version: it gets whatever API the daemon speaks.
 */
export function sidecarClient(): Docker {
  return new Docker({ socketPath: SOCKET });
}

export interface AppSpec {
  name: string;
  image: string;
  port: number;
  env: Record<string, string>;
  release: string;
}

export function envList(env: Record<string, string>): string[] {
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}

export function appSpecFromEnv(): AppSpec {
  return {
    name: process.env.APP_NAME ?? 'web',
    image: process.env.APP_IMAGE ?? 'nginx:1.27-alpine',
    port: Number(process.env.APP_PORT ?? 8080),
    env: { NODE_ENV: 'production' },
    release: process.env.APP_RELEASE ?? new Date().toISOString().slice(0, 10),
  };
}
