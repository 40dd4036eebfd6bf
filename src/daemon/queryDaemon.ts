import { request, type IncomingHttpHeaders } from 'node:http';
import { CompatError } from '../errors.js';
import type { TargetDaemon } from '../lint/targets.js';
import { packageVersion } from '../packageRoot.js';
import { compareApiVersions, parseApiVersion } from '../versions/apiVersion.js';
import { describeSource, resolveDaemonEndpoint, type DaemonEndpoint } from './daemonHost.js';

export const DEFAULT_DAEMON_TIMEOUT_MS = 5000;
/** A /version answer is a few hundred bytes; anything this big is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface QueryDaemonOptions {
  /** `unix:///path`, `tcp://host:port`, `http://host:port`; default: DOCKER_HOST, then the local socket. */
  host?: string;
  env: NodeJS.ProcessEnv;
  /** For the whole exchange (connect, /_ping, /version); default 5000. */
  timeoutMs?: number;
}

/**
 * Asks a running daemon which API versions it serves, as a lint target.
 *
 * `GET /_ping` first (cheap; a proxy or a non-Docker server fails there), then the
 * unversioned `GET /version`, which the daemon answers with its own range:
 * `ApiVersion` (newest) and `MinAPIVersion` (oldest it accepts). Every failure is a
 * one-line CompatError; the whole exchange is bounded by the timeout, and sockets are
 * destroyed on every path, so a daemon that accepts and never answers cannot hang us.
 */
export async function queryDaemon(options: QueryDaemonOptions): Promise<TargetDaemon> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DAEMON_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new CompatError('usage', `the daemon timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const endpoint = resolveDaemonEndpoint(options);
  const deadline = Date.now() + timeoutMs;

  const ping = await get(endpoint, '/_ping', deadline, timeoutMs);
  if (ping.status !== 200) throw statusError(endpoint, '/_ping', ping);

  const answer = await get(endpoint, '/version', deadline, timeoutMs);
  if (answer.status !== 200) throw statusError(endpoint, '/version', answer);
  return toTarget(endpoint, answer);
}

interface HttpAnswer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(endpoint: DaemonEndpoint, path: string, deadline: number, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      reject(timeoutError(endpoint, path, timeoutMs));
      return;
    }
    const target =
      endpoint.transport === 'socket'
        ? { socketPath: endpoint.socketPath, path }
        : { host: endpoint.host, port: endpoint.port, path: `${endpoint.basePath}${path}` };
    const outgoing = request({
      ...target,
      method: 'GET',
      // A fresh connection per request, closed after it: nothing is left open behind us.
      agent: false,
      headers: { Accept: 'application/json', 'User-Agent': `docker-api-compat/${packageVersion()}` },
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      // After an answer, or on any failure: drop the socket (no-op once the response has ended).
      outgoing.destroy();
    };
    const timer = setTimeout(() => settle(() => reject(timeoutError(endpoint, path, timeoutMs))), remaining);

    outgoing.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(connectionError(endpoint, path, error))));
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          settle(() => reject(new CompatError('usage', `the daemon at ${endpoint.address} answered GET ${path} with more than 1 MiB: is it a Docker Engine?`)));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
      response.on('aborted', () => settle(() => reject(closedError(endpoint, path))));
      response.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(connectionError(endpoint, path, error))));
    });
    outgoing.end();
  });
}

function toTarget(endpoint: DaemonEndpoint, answer: HttpAnswer): TargetDaemon {
  const from = `the daemon at ${endpoint.address}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    const type = answer.headers['content-type'] ? `${answer.headers['content-type']}, ` : '';
    throw new CompatError('usage', `${from} answered GET /version with a body that is not JSON (${type}${quote(answer.body)}): is it a Docker Engine?`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('ApiVersion' in parsed)) {
    throw new CompatError('usage', `${from} answered GET /version without an ApiVersion (${quote(answer.body)}): is it a Docker Engine?`);
  }
  const fields = parsed as Record<string, unknown>;
  const maxApiVersion = typeof fields.ApiVersion === 'string' ? parseApiVersion(fields.ApiVersion) : null;
  if (!maxApiVersion) throw new CompatError('usage', `${from} gave ApiVersion ${oneLine(JSON.stringify(fields.ApiVersion), 60)}, which is not an API version like "1.52"`);
  let minApiVersion: string | null = null;
  // Daemons older than API 1.25 do not report MinAPIVersion: their minimum is then unknown.
  if (fields.MinAPIVersion !== undefined) {
    minApiVersion = typeof fields.MinAPIVersion === 'string' ? parseApiVersion(fields.MinAPIVersion) : null;
    if (!minApiVersion) {
      throw new CompatError('usage', `${from} gave MinAPIVersion ${oneLine(JSON.stringify(fields.MinAPIVersion), 60)}, which is not an API version like "1.44"`);
    }
    if (compareApiVersions(minApiVersion, maxApiVersion) > 0) {
      throw new CompatError('usage', `${from} gave MinAPIVersion ${minApiVersion} above its ApiVersion ${maxApiVersion}`);
    }
  }
  const engine = typeof fields.Version === 'string' && fields.Version.trim() ? `docker ${oneLine(fields.Version, 40)}` : `API ${maxApiVersion}`;
  return { label: `daemon ${endpoint.address} (${engine})`, kind: 'daemon', maxApiVersion, minApiVersion };
}

function statusError(endpoint: DaemonEndpoint, path: string, answer: HttpAnswer): CompatError {
  let message = '';
  try {
    const parsed = JSON.parse(answer.body) as { message?: unknown };
    if (parsed && typeof parsed.message === 'string') message = oneLine(parsed.message, 200);
  } catch {
    // not JSON: show the text itself
  }
  if (!message && answer.body.trim()) message = quote(answer.body);
  const status = `${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const hint = answer.status === 404 ? ': is it a Docker Engine?' : '';
  return new CompatError('usage', `the daemon at ${endpoint.address} answered GET ${path} with ${status}${message ? `: ${message}` : ''}${hint}`);
}

function timeoutError(endpoint: DaemonEndpoint, path: string, timeoutMs: number): CompatError {
  return new CompatError(
    'usage',
    `the daemon at ${endpoint.address}${describeSource(endpoint)} did not answer GET ${path} within ${formatDuration(timeoutMs)} (see --daemon-timeout)`,
  );
}

function closedError(endpoint: DaemonEndpoint, path: string): CompatError {
  return new CompatError('usage', `the daemon at ${endpoint.address} closed the connection without answering GET ${path}`);
}

/** The one-line message for a failed connection or request (exported for tests). */
export function connectionError(endpoint: DaemonEndpoint, path: string, error: NodeJS.ErrnoException): CompatError {
  const source = describeSource(endpoint);
  const code = error.code ?? '';
  const options = { cause: error };
  if (endpoint.transport === 'socket') {
    const socket = endpoint.socketPath;
    if (code === 'ENOENT') {
      if (endpoint.source === 'default') {
        const looked = endpoint.candidates.join(' or ');
        return new CompatError('usage', `no Docker daemon socket at ${looked}, and DOCKER_HOST is not set: start Docker, set DOCKER_HOST, or pass --daemon <host>`, options);
      }
      return new CompatError('usage', `the Docker daemon socket ${socket}${source} does not exist: is the daemon running, and is the path right?`, options);
    }
    if (code === 'ECONNREFUSED') {
      return new CompatError('usage', `the Docker daemon socket ${socket}${source} refused the connection: the daemon is not running (a stale socket file)`, options);
    }
    if (code === 'EACCES' || code === 'EPERM') {
      return new CompatError('usage', `permission denied on the Docker daemon socket ${socket}${source}: join the "docker" group (or use rootless Docker), or point DOCKER_HOST or --daemon at a socket you can use`, options);
    }
    if (code === 'ENOTSOCK') return new CompatError('usage', `${socket}${source} is not a socket: point DOCKER_HOST or --daemon at the daemon's socket`, options);
  } else {
    if (code === 'ECONNREFUSED') return new CompatError('usage', `${endpoint.address}${source} refused the connection: no daemon listens there`, options);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CompatError('usage', `cannot resolve the daemon host "${endpoint.host}" in ${endpoint.address}${source}`, options);
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
      return new CompatError('usage', `cannot reach the daemon at ${endpoint.address}${source} (${code})`, options);
    }
  }
  if (code === 'ECONNRESET' || error.message === 'socket hang up') return closedError(endpoint, path);
  if (code.startsWith('HPE_')) {
    return new CompatError('usage', `the daemon at ${endpoint.address}${source} did not answer GET ${path} in HTTP (${code}): is it a Docker Engine, and not a TLS port?`, options);
  }
  return new CompatError('usage', `cannot query the daemon at ${endpoint.address}${source}: ${oneLine(error.message, 200)}${code && !error.message.includes(code) ? ` (${code})` : ''}`, options);
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

function oneLine(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 3)}...` : flat;
}

function quote(text: string): string {
  const flat = oneLine(text, 60);
  return flat ? `"${flat}"` : 'empty';
}
