import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CompatError } from '../errors.js';

/** Where the daemon's address came from, for error messages. */
export type HostSource = 'given' | 'DOCKER_HOST' | 'default';

/** How to reach a daemon: a local socket (or Windows named pipe), or plain HTTP over TCP. */
export type DaemonEndpoint =
  | {
      transport: 'socket';
      socketPath: string;
      /** `unix:///var/run/docker.sock`: what labels and messages show. */
      address: string;
      source: HostSource;
      /** For the default: every socket looked for, in order (the first is the one used when none exists). */
      candidates: string[];
    }
  | {
      transport: 'tcp';
      host: string;
      port: number;
      /** A path prefix some proxies need (`http://proxy:8080/docker`); '' for none. */
      basePath: string;
      address: string;
      source: HostSource;
      candidates: string[];
    };

export const DEFAULT_SOCKET = '/var/run/docker.sock';
/** Docker's own defaults for `tcp://host` without a port. */
const PLAIN_TCP_PORT = 2375;
const TLS_TCP_PORT = 2376;

const SYNTAX = 'write unix:///path/to/docker.sock, tcp://host:port or http://host:port';

/**
 * Which daemon to ask, like the docker CLI (without contexts): the explicit host,
 * else DOCKER_HOST, else the local socket, /var/run/docker.sock, or for rootless
 * Docker $XDG_RUNTIME_DIR/docker.sock when the former does not exist.
 */
export function resolveDaemonEndpoint(options: { host?: string; env: NodeJS.ProcessEnv }, exists: (path: string) => boolean = existsSync): DaemonEndpoint {
  const given = options.host?.trim();
  if (given) return parseDaemonHost(given, 'given', options.env);
  const fromEnv = options.env.DOCKER_HOST?.trim();
  if (fromEnv) return parseDaemonHost(fromEnv, 'DOCKER_HOST', options.env);

  const candidates = [DEFAULT_SOCKET];
  const runtimeDir = options.env.XDG_RUNTIME_DIR?.trim();
  if (runtimeDir) candidates.push(join(runtimeDir, 'docker.sock'));
  const socketPath = candidates.find((path) => exists(path)) ?? DEFAULT_SOCKET;
  return { transport: 'socket', socketPath, address: `unix://${socketPath}`, source: 'default', candidates };
}

/** Parses `unix:///path`, `npipe:////./pipe/name`, `tcp://host:port` or `http://host:port[/base]`. */
export function parseDaemonHost(text: string, source: HostSource, env: NodeJS.ProcessEnv): DaemonEndpoint {
  const where = source === 'DOCKER_HOST' ? `DOCKER_HOST="${text}"` : `daemon address "${text}"`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) {
    const hint = text.startsWith('/') ? `: write unix://${text}` : `: ${SYNTAX}`;
    throw new CompatError('usage', `invalid ${where}${hint}`);
  }
  const rest = text.slice(scheme.length + 3);

  if (scheme === 'unix') {
    const socketPath = rest === '' ? DEFAULT_SOCKET : rest;
    if (!socketPath.startsWith('/')) {
      throw new CompatError('usage', `invalid ${where}: the socket path must be absolute, as in unix:///${socketPath} (three slashes)`);
    }
    return { transport: 'socket', socketPath, address: `unix://${socketPath}`, source, candidates: [socketPath] };
  }
  if (scheme === 'npipe') {
    // npipe:////./pipe/docker_engine is \\.\pipe\docker_engine, which node connects to like a socket.
    const pipe = (rest === '' ? '//./pipe/docker_engine' : rest).replace(/\//g, '\\');
    return { transport: 'socket', socketPath: pipe, address: `npipe://${rest.replace(/\\/g, '/')}`, source, candidates: [pipe] };
  }
  if (scheme === 'https' || scheme === 'ssh' || scheme === 'fd') {
    throw new CompatError('usage', unsupportedScheme(scheme, where));
  }
  if (scheme !== 'tcp' && scheme !== 'http') throw new CompatError('usage', `invalid ${where}: unknown scheme "${scheme}://"; ${SYNTAX}`);

  let url: URL;
  try {
    url = new URL(`http://${rest}`);
  } catch {
    throw new CompatError('usage', `invalid ${where}: ${SYNTAX}`);
  }
  if (!url.hostname || url.username || url.password || url.search || url.hash) throw new CompatError('usage', `invalid ${where}: ${SYNTAX}`);
  // URL drops the default HTTP port, so read what was written.
  const written = /^[^/]*:(\d+)(?:\/|$)/.exec(rest)?.[1];
  const port = written !== undefined ? Number(written) : scheme === 'tcp' ? PLAIN_TCP_PORT : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CompatError('usage', `invalid ${where}: port ${written} is out of range`);
  if (scheme === 'tcp') {
    const tlsVariable = env.DOCKER_TLS_VERIFY ? 'DOCKER_TLS_VERIFY' : env.DOCKER_TLS ? 'DOCKER_TLS' : undefined;
    if (tlsVariable) {
      throw new CompatError('usage', `${where}: TLS daemons are not supported yet (${tlsVariable} is set); expose the daemon on a local socket or plain HTTP, or leave --daemon out`);
    }
    if (port === TLS_TCP_PORT) {
      throw new CompatError('usage', `${where}: port 2376 is Docker's TLS port, and TLS daemons are not supported yet; use a local socket or a plain HTTP port (2375)`);
    }
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const basePath = url.pathname.replace(/\/+$/, '');
  return { transport: 'tcp', host, port, basePath, address: `${scheme}://${url.hostname}:${port}${basePath}`, source, candidates: [] };
}

function unsupportedScheme(scheme: string, where: string): string {
  switch (scheme) {
    case 'https':
      return `${where}: TLS daemons are not supported yet; use a local socket or a plain HTTP address`;
    case 'ssh':
      return `${where}: ssh:// daemons are not supported yet; forward the socket (ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock user@host) and use unix:///tmp/docker.sock`;
    default:
      return `${where}: fd:// (systemd socket activation) only works inside the daemon; use unix:///var/run/docker.sock`;
  }
}

/** ` (from DOCKER_HOST)`: how the address was chosen, for messages about it. */
export function describeSource(endpoint: DaemonEndpoint): string {
  switch (endpoint.source) {
    case 'DOCKER_HOST':
      return ' (from DOCKER_HOST)';
    case 'default':
      return ' (the default, as DOCKER_HOST is not set)';
    default:
      return '';
  }
}
