import type { HttpMethod } from '../surface/feature.js';
import type { ApiVersion } from '../versions/apiVersion.js';

/** The client library or mechanism a call goes through. */
export type ClientKind = 'dockerode' | 'docker-modem' | 'node-docker-api' | 'docker-node-sdk' | 'http' | 'curl';

/** 1-based position in a scanned file; `file` is relative to the scan root and `/`-separated. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** How a call pins its API version, when it does. */
export interface VersionPin {
  version: ApiVersion;
  /** `url` (a /v1.NN/ prefix), `client-option` (new Docker({version})), `env` (DOCKER_API_VERSION). */
  source: 'url' | 'client-option' | 'env';
  /** Where the pin is written, when not at the call itself. */
  at?: SourcePosition;
}

/**
 * One request to the Engine API found in the code, as the recogniser saw it, before
 * it is matched against the database. A call that sends several requests (dockerode's
 * `run`) gives one RawUsage per request.
 */
export interface RawUsage extends SourcePosition {
  client: ClientKind;
  /** The library or tool under `client`: `axios`, `fetch`, `got`, `undici`, `http`, `net`, `curl`, `wget`, or a method such as `Container.start`. */
  via: string;
  /** null when the method could not be resolved. */
  method: HttpMethod | null;
  /** The request path as written, without scheme, host, `/v1.NN` prefix and query string; placeholders as `{}`; null when unresolved. */
  path: string | null;
  /** Query parameter names sent. */
  query: string[];
  /** Request header names sent. */
  headers: string[];
  /** Request body field paths sent (`HostConfig.Init`, `Mounts[].Type`). */
  body: string[];
  /** Response field paths the code reads from the result. */
  response: string[];
  pin: VersionPin | null;
  /** What could not be resolved: `path`, `method`, `query`, `body`, `options`, `headers`, with a short reason each. */
  dynamic: string[];
  /** Query parameters or body fields only sent under a condition. */
  conditional?: string[];
  /**
   * Option keys a client sends both as query parameters and in the JSON body
   * (docker-modem on a POST whose path ends in `?`); matching against the spec
   * decides which each one is.
   */
  queryOrBody?: string[];
  /** What the analyser noticed about the call that is not a field: a malformed version pin, say. */
  notes?: string[];
  /** Body fields the library sets itself (dockerode `run` defaults): not the caller's doing, never unknown-field. */
  libraryBody?: string[];
  /**
   * Query parameters and body keys the library adds itself (`fromImage` on pull) or reads for
   * itself and still sends (`hijack` and `stdin` on Exec.start): on the wire, and listed in
   * `unknown` when no API version has them, but not the caller's mistake.
   */
  libraryKeys?: string[];
}

/** A usage with nothing known yet but where it is and what sends it. */
export function newRawUsage(fields: Pick<RawUsage, 'file' | 'line' | 'column' | 'client' | 'via'> & Partial<RawUsage>): RawUsage {
  return { method: null, path: null, query: [], headers: [], body: [], response: [], pin: null, dynamic: [], ...fields };
}

/** A place that sets DOCKER_API_VERSION (in code, env files, scripts, CI YAML). */
export interface VersionSetting extends SourcePosition {
  version: ApiVersion | null;
  /** The text as written, when it is not a literal version (`${{ matrix.api }}`). */
  raw: string;
}

/** Use of the `docker` command-line tool (child_process, scripts): reported apart from API calls. */
export interface CliInvocation extends SourcePosition {
  /** `docker ps`, `docker compose up`: the subcommand as far as it is known. */
  command: string;
}

/** A file left out of the scan or scanned only in part, and why. */
export interface ScanNote {
  file: string;
  line?: number;
  kind: 'skipped' | 'parse-error' | 'warning';
  message: string;
}

/** What a recogniser returns for one file. */
export interface FileFindings {
  usages: RawUsage[];
  versionSettings: VersionSetting[];
  cliInvocations: CliInvocation[];
  notes: ScanNote[];
}

export function emptyFindings(): FileFindings {
  return { usages: [], versionSettings: [], cliInvocations: [], notes: [] };
}

/**
 * Drops field paths that lead to another listed path: `State.Health` and
 * `State.Health.Status` were both read, and the leaf says it all.
 */
export function leavesOnly(paths: readonly string[]): string[] {
  const inner = new Set<string>();
  for (const path of paths) {
    for (let at = 1; at < path.length; at++) {
      if (path[at] === '.' || path[at] === '[' || path[at] === '{') inner.add(path.slice(0, at));
    }
  }
  return paths.filter((path) => !inner.has(path));
}
