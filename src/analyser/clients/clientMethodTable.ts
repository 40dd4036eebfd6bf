/**
 * Shared shape of the client method tables: for every method of a supported
 * Docker client library, the HTTP request(s) it sends to the Engine API.
 *
 * The tables themselves (dockerodeMethodTable.ts, nodeDockerApiMethodTable.ts,
 * dockerNodeSdkMethodTable.ts) are generated from the installed libraries'
 * source by `node scripts/extract-client-tables.mjs`; docs/clients.md explains
 * how each library maps its arguments to the wire.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

/** Where the keys of the method's options argument go on the wire. */
export type OptionsPlacement =
  | 'query' // every key becomes a query parameter
  | 'body' // the object is the JSON request body
  // docker-modem with a path ending in '?' on POST: keys go to BOTH the query
  // string and the JSON body; the analyser splits them by the spec (names that
  // are query parameters of the endpoint are query, the rest body fields)
  | 'query+body'
  | 'none'; // options are not sent (or there are none)

export interface ClientRequest {
  method: HttpMethod;
  /** Swagger path template as the newest spec that has the path spells it, e.g. '/containers/{id}/start'. */
  path: string;
  options: OptionsPlacement;
  /**
   * Option keys the library removes before sending, or moves elsewhere
   * (authconfig -> X-Registry-Auth header, abortSignal -> request signal,
   * credentials -> header...).
   */
  dropped?: string[];
  /**
   * Option keys the library also reads for its own use (dockerode: hijack and
   * stdin set up the connection, follow/stream pick stream decoding) and still
   * sends; whether the daemon knows them is for the spec to say.
   */
  alsoReadByLibrary?: string[];
  /** Option key -> wire name, where the library renames (node-sdk: volumes -> v). */
  renamed?: Record<string, string>;
  /**
   * Query parameters the library always adds itself (importImage sets fromSrc).
   * On a 'query+body' request these keys land in the JSON body too.
   */
  fixedQuery?: string[];
  /** Headers the library may send (X-Registry-Auth, X-Registry-Config, Content-Type...). */
  headers?: string[];
  /** The request's body is a file/stream (tar), not JSON. */
  bodyIsStream?: boolean;

  // --- Extensions beyond the minimal shape -------------------------------

  /**
   * Index of the argument whose keys this request carries when it is not the
   * method's `optionsArg` (Docker.run sends its startOptions, argument 4, with
   * the start request); `null` when the request carries none of the caller's
   * options (Docker.run's attach and wait). Absent: the method's optionsArg.
   */
  optionsFrom?: number | null;
  /**
   * When present, only these option keys (the caller's names) reach the wire:
   * the library copies them into a fresh object and silently ignores the rest.
   * Absent: the whole options object is forwarded.
   */
  forwardedKeys?: string[];
  /** JSON body fields the library always sets itself (Docker.run's container defaults). */
  fixedBody?: string[];
  /**
   * Index of an argument sent verbatim as the JSON body when it is not the
   * options argument (node-sdk `containerCreate(spec, options)`: spec).
   */
  bodyArg?: number;
  /** Query parameters filled from positional arguments: wire name -> argument index (node-sdk `imageTag(name, repo, tag)`). */
  queryArgs?: Record<string, number>;
  /**
   * docker-modem only: an options object shaped `{ _query, _body }` sends
   * `_query` as the query string and `_body` as the JSON body instead of the
   * whole object (dockerode's Plugin.pull documents this).
   */
  acceptsQueryBodyEnvelope?: boolean;
  /** The request is only sent under this condition (source expression). */
  condition?: string;
  /**
   * Set when this method + path exists in no spec version: why (a library bug
   * or an endpoint the Swagger specs never documented). Absent otherwise.
   */
  notInSpec?: string;
  /** Anything else a reader of an analyser finding should know. */
  note?: string;
}

export type ClientResult =
  /** another client object, e.g. createContainer -> Container; `array` for list methods that wrap each item */
  | { kind: 'object'; className: string; array?: boolean }
  /** the decoded response of request N (index into `requests`) */
  | { kind: 'response'; request: number }
  /** the response body as a stream; `decoded`: an async iterable of the decoded JSON documents it carries (@docker/node-sdk's systemEvents) */
  | { kind: 'stream'; decoded?: boolean }
  | { kind: 'none' };

export interface ClientMethod {
  /**
   * dockerode: 'Docker' | 'Container' | 'Image' | 'Volume' | 'Network' |
   * 'Service' | 'Task' | 'Node' | 'Plugin' | 'Secret' | 'Config' | 'Exec' |
   * 'Modem'; the libraries' own class names for the others.
   */
  className: string;
  name: string;
  /** Index of the argument that carries the options object, or null. */
  optionsArg: number | null;
  /**
   * Other positions the options object may take when the caller omits leading
   * optional arguments: createImage(auth, opts, cb) is also createImage(opts, cb).
   */
  optionsArgOverloads?: number[];
  /** In the order they are sent; empty for pure factories such as getContainer. */
  requests: ClientRequest[];
  /** What the promise/callback result is. */
  result: ClientResult;
  /** Provenance relative to node_modules, 'dockerode/lib/docker.js:44' style. */
  source: string;
  note?: string;
}

export type ClientMethodTable = readonly ClientMethod[];

/** A property holding another client object (node-docker-api `docker.container` -> ContainerManager). */
export interface ClientProperty {
  className: string;
  name: string;
  valueClassName: string;
  source: string;
}

export type ClientPropertyTable = readonly ClientProperty[];

/** Which installed library (and HTTP layer) a generated table was extracted from. */
export interface ClientLibraryInfo {
  packageName: string;
  version: string;
  /** The HTTP layer the library dials through, e.g. 'docker-modem@5.0.7'. */
  transport: string;
  /** The class the user constructs, e.g. 'Docker' or 'DockerClient'. */
  entryClassName: string;
}

export function findClientMethod(
  table: ClientMethodTable,
  className: string,
  name: string,
): ClientMethod | undefined {
  return table.find((method) => method.className === className && method.name === name);
}

export function findClientProperty(
  table: ClientPropertyTable,
  className: string,
  name: string,
): ClientProperty | undefined {
  return table.find((property) => property.className === className && property.name === name);
}
