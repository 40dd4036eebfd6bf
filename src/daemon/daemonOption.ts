import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CompatError } from '../errors.js';
import type { TargetDaemon } from '../lint/targets.js';
import { compareApiVersions, sortApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import { queryDaemon } from './queryDaemon.js';

export interface DaemonOptionContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The database's API versions, to say when a daemon is outside them. */
  apiVersions: readonly ApiVersion[];
  note: (text: string) => void;
}

export interface DaemonOptionResult {
  targets: TargetDaemon[];
  /** Lint paths that an optional-value `--daemon` swallowed (`lint --daemon .`). */
  paths: string[];
}

/**
 * `lint --daemon [host]` (repeatable) and `--daemon-timeout <ms>`: asks each daemon for its
 * API range. `--daemon` alone ('') uses DOCKER_HOST or the local socket. Returns undefined
 * when --daemon is not given.
 *
 * A daemon address always has a scheme (`unix://`, `tcp://`, `http://`); a value without
 * one that names an existing file or folder (not a socket) is a lint path that the option
 * took as its value, as in `lint --daemon .`, and is given back as a path.
 */
export async function daemonOption(
  value: string | string[] | undefined,
  timeoutMs: number | undefined,
  context: DaemonOptionContext,
): Promise<DaemonOptionResult | undefined> {
  if (value === undefined) {
    if (timeoutMs !== undefined) throw new CompatError('usage', '--daemon-timeout only applies with --daemon');
    return undefined;
  }
  if (timeoutMs !== undefined && (!Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw new CompatError('usage', `--daemon-timeout takes a positive number of milliseconds, got ${timeoutMs}`);
  }
  const hosts = new Set<string>();
  const paths: string[] = [];
  for (const raw of Array.isArray(value) ? value : [value]) {
    const text = String(raw).trim();
    if (text && !text.includes('://') && isLintPath(resolve(context.cwd, text))) paths.push(text);
    else hosts.add(text);
  }
  if (hosts.size === 0) hosts.add('');

  const targets = await Promise.all([...hosts].map((host) => queryDaemon({ host: host || undefined, env: context.env, timeoutMs })));
  const unique = new Map(targets.map((target) => [target.label, target]));
  const known = sortApiVersions(context.apiVersions);
  const oldest = known[0];
  const newest = known[known.length - 1];
  for (const target of unique.values()) {
    if (newest && compareApiVersions(target.maxApiVersion, newest) > 0) {
      context.note(`note: ${target.label} speaks API ${target.maxApiVersion}, newer than the database's newest spec (${newest}): changes after ${newest} are not known`);
    }
    if (oldest && compareApiVersions(target.maxApiVersion, oldest) < 0) {
      context.note(`note: ${target.label} speaks API ${target.maxApiVersion}, older than the database's oldest spec (${oldest}): findings for it are approximate`);
    }
  }
  return { targets: [...unique.values()], paths };
}

function isLintPath(path: string): boolean {
  try {
    const stats = statSync(path);
    return !stats.isSocket();
  } catch {
    return false;
  }
}
