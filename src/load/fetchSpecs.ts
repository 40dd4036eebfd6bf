import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, dirname, join } from 'node:path';
import { CompatError } from '../errors.js';
import { parseApiVersion } from '../versions/apiVersion.js';
import { serializeSourcesManifest, sha256Hex, sortSourceFiles, type SourceFile, type SourcesManifest } from './sourcesManifest.js';

/**
 * Fetching the upstream files named in `specs/sources.json` into a spec directory.
 *
 * Every file is downloaded into memory, checked (size and sha256 against the manifest, or
 * Swagger 2.0 for a version being added), and only then written: to a temporary file in the
 * same directory (named with TEMPORARY_PREFIX), fsynced, and renamed onto its final name.
 * The final name therefore only ever holds a complete, verified file, whatever happens to
 * the process; a temporary file left by a killed process is removed by the next run.
 *
 * No CLI here: callers pass the manifest, the directory, options and a logger, and get a result.
 */

/** Temporary files start with this; `<prefix><pid>.<random>.<file>.tmp`. */
export const TEMPORARY_PREFIX = '.docker-api-compat-fetch.';
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
export const DEFAULT_FETCH_RETRIES = 2;
export const MAX_REDIRECTS = 5;
/** First delay before a retry; doubled for each further one. */
export const DEFAULT_RETRY_DELAY_MS = 500;
/** A version being added has no size in the manifest yet; the largest spec is under 1 MB. */
export const MAX_ADDED_FILE_BYTES = 64 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 4;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  /** Per request: how long the connection, the response headers or the next bytes of the body may take. */
  timeoutMs?: number;
  /** Further attempts after a network error, a time-out or a 5xx answer. */
  retries?: number;
  /** Fetch from a mirror: the base replaces the directory of each manifest URL. */
  baseUrl?: string;
  /** Write, rename and remove nothing. */
  dryRun?: boolean;
  /** One line per event (file results in manifest order, retries as they happen). */
  log?: (line: string) => void;
  /** Files downloaded at the same time (default 4). */
  concurrency?: number;
  retryDelayMs?: number;
  userAgent?: string;
}

export type FileOutcome =
  | { file: string; status: 'fetched'; url: string; size: number; sha256: string }
  | { file: string; status: 'present'; size: number; sha256: string }
  | { file: string; status: 'would-fetch'; url: string; size: number }
  | { file: string; status: 'failed'; error: CompatError };

export interface FetchSpecsResult {
  directory: string;
  /** One outcome per manifest entry, in manifest order. */
  files: FileOutcome[];
  fetched: number;
  present: number;
  wouldFetch: number;
  /** One `data` error per failed file: "FILE: cause". */
  failures: CompatError[];
  /** Stale temporary files removed (or, in a dry run, that would be removed). */
  staleTemporaryFiles: string[];
}

/**
 * Downloads every manifest file the directory lacks (creating the directory), verifies size
 * and sha256, and writes it atomically. Files already present are verified, never rewritten.
 * A failure for one file does not stop the others; the result lists every failure.
 */
export async function fetchSpecs(manifest: SourcesManifest, directory: string, options: FetchOptions = {}): Promise<FetchSpecsResult> {
  const settings = normalizeOptions(options);
  prepareDirectory(directory, settings.dryRun);
  const staleTemporaryFiles = removeStaleTemporaryFiles(directory, settings);

  const entries = manifest.files;
  const outcomes: (FileOutcome | undefined)[] = new Array(entries.length).fill(undefined);
  let nextToLog = 0;
  const record = (index: number, outcome: FileOutcome): void => {
    outcomes[index] = outcome;
    // Result lines come out in manifest order, each as soon as those before it are known.
    while (nextToLog < entries.length && outcomes[nextToLog]) {
      const line = describeOutcome(outcomes[nextToLog]!, directory);
      if (line) settings.log(line);
      nextToLog++;
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next++;
      record(index, await fetchOne(entries[index], directory, settings));
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, entries.length) }, worker));

  const files = outcomes as FileOutcome[];
  return {
    directory,
    files,
    fetched: files.filter((outcome) => outcome.status === 'fetched').length,
    present: files.filter((outcome) => outcome.status === 'present').length,
    wouldFetch: files.filter((outcome) => outcome.status === 'would-fetch').length,
    failures: files.flatMap((outcome) => (outcome.status === 'failed' ? [outcome.error] : [])),
    staleTemporaryFiles,
  };
}

export interface AddSpecRequest {
  /** "1.56" (or "v1.56"). */
  version: string;
  url: string;
  /** Expected sha256 (64 hex digits), when the publisher states one. */
  sha256?: string;
  /** Where the updated manifest is written (atomically, sorted). */
  manifestPath: string;
}

export interface AddSpecResult {
  entry: SourceFile;
  manifest: SourcesManifest;
  /** False when the directory already held the identical file, or in a dry run. */
  fileWritten: boolean;
  manifestWritten: boolean;
}

/**
 * Adds an API version the manifest lacks: downloads it, checks the pinned hash if any, checks
 * that it is the Swagger 2.0 spec of that version, writes `v<version>.yaml` into the directory
 * and the new entry into the manifest file. Throws a one-line CompatError; on any failure
 * neither file is changed.
 */
export async function addSpecVersion(
  manifest: SourcesManifest,
  directory: string,
  request: AddSpecRequest,
  options: FetchOptions = {},
): Promise<AddSpecResult> {
  const settings = normalizeOptions(options);
  const version = parseApiVersion(request.version);
  if (!version) throw new CompatError('usage', `--add ${request.version}: not an API version (expected 1.NN)`);
  const file = `v${version}.yaml`;
  const existing = manifest.files.find((entry) => entry.version === version || entry.file === file);
  if (existing) {
    throw new CompatError('usage', `API ${version} is already in the sources manifest (${existing.file}); run "specs fetch" to download it`);
  }
  const url = parseDownloadUrl(request.url, '--url');
  const pinned = request.sha256?.trim().toLowerCase();
  if (pinned !== undefined && !/^[0-9a-f]{64}$/.test(pinned)) {
    throw new CompatError('usage', `--sha256 ${request.sha256}: expected 64 hexadecimal digits`);
  }

  let bytes: Buffer;
  try {
    bytes = await download(url, { ...settings, maxBytes: MAX_ADDED_FILE_BYTES, onRetry: retryLogger(file, settings) });
  } catch (error) {
    throw new CompatError('data', `${file}: ${causeOf(error)}`, { cause: error });
  }
  const sha256 = sha256Hex(bytes);
  if (pinned && sha256 !== pinned) {
    throw new CompatError('data', `${file}: sha256 mismatch for ${url.href}: expected ${pinned}, got ${sha256}`);
  }
  // swagger-parser and its schema validator load only when a version is added.
  const { loadSpecDocument } = await import('./loadSpec.js');
  const document = await loadSpecDocument(bytes.toString('utf8'), file);
  const info = document.info as { version?: unknown } | undefined;
  const declared = typeof info?.version === 'string' ? parseApiVersion(info.version) : null;
  if (declared !== version) {
    throw new CompatError('data', `${file}: not the spec of API ${version} (its info.version is ${JSON.stringify(info?.version ?? null)})`);
  }

  const entry: SourceFile = { file, role: 'spec', version, url: request.url, sha256, size: bytes.byteLength };
  const updated: SourcesManifest = { ...manifest, files: sortSourceFiles([...manifest.files, entry]) };
  const target = join(directory, file);
  if (settings.dryRun) {
    settings.log(`${file}: would write ${bytes.byteLength} bytes (sha256 ${sha256}) to ${directory}`);
    settings.log(`would add API ${version} to ${request.manifestPath}`);
    return { entry, manifest: updated, fileWritten: false, manifestWritten: false };
  }

  prepareDirectory(directory, false);
  removeStaleTemporaryFiles(directory, settings);
  let fileWritten = false;
  if (existsSync(target)) {
    const present = readFileSync(target);
    if (!present.equals(bytes)) {
      throw new CompatError('data', `${file}: ${target} exists and differs from the download (sha256 ${sha256Hex(present)}); remove it to add API ${version}`);
    }
    settings.log(`${file}: already present in ${directory}, identical to the download`);
  } else {
    writeFileDurably(directory, file, bytes);
    fileWritten = true;
    settings.log(`${file}: fetched ${bytes.byteLength} bytes from ${url.href}, sha256 ${sha256}, Swagger 2.0 for API ${version}`);
  }
  try {
    writeFileDurably(dirname(request.manifestPath), basename(request.manifestPath), Buffer.from(serializeSourcesManifest(updated)));
  } catch (error) {
    if (fileWritten) rmSync(target, { force: true });
    throw new CompatError('data', `${request.manifestPath}: cannot write the sources manifest: ${(error as Error).message}`, { cause: error });
  }
  settings.log(`added API ${version} to ${request.manifestPath}`);
  return { entry, manifest: updated, fileWritten, manifestWritten: true };
}

// ---------------------------------------------------------------------------------------------
// One manifest entry

interface Settings {
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  baseUrl?: URL;
  dryRun: boolean;
  log: (line: string) => void;
  concurrency: number;
  userAgent: string;
}

function normalizeOptions(options: FetchOptions): Settings {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new CompatError('usage', `--timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  const retries = options.retries ?? DEFAULT_FETCH_RETRIES;
  if (!Number.isInteger(retries) || retries < 0) throw new CompatError('usage', `--retries must be a whole number of 0 or more, got ${retries}`);
  let baseUrl: URL | undefined;
  if (options.baseUrl !== undefined) {
    baseUrl = parseDownloadUrl(options.baseUrl, '--base-url');
    baseUrl.search = '';
    baseUrl.hash = '';
    if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  }
  return {
    timeoutMs,
    retries,
    retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    baseUrl,
    dryRun: options.dryRun ?? false,
    log: options.log ?? (() => {}),
    concurrency: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY),
    userAgent: options.userAgent ?? 'docker-api-compat',
  };
}

async function fetchOne(entry: SourceFile, directory: string, settings: Settings): Promise<FileOutcome> {
  const file = entry.file;
  const fail = (cause: string, error?: unknown): FileOutcome => ({
    file,
    status: 'failed',
    error: new CompatError('data', `${file}: ${cause}`, error === undefined ? undefined : { cause: error }),
  });
  if (!isPlainFileName(file)) return fail('not a plain file name; the manifest may only name files inside the spec directory');
  const target = join(directory, file);

  if (existsSync(target)) {
    if (!statSync(target).isFile()) return fail(`${target} exists and is not a file`);
    const bytes = readFileSync(target);
    const sha256 = sha256Hex(bytes);
    if (bytes.byteLength !== entry.size || sha256 !== entry.sha256) {
      return fail(
        `present in ${directory} but differs from the sources manifest ` +
          `(sha256 expected ${entry.sha256}, actual ${sha256}; size expected ${entry.size}, actual ${bytes.byteLength}); ` +
          'remove it to fetch it again',
      );
    }
    return { file, status: 'present', size: bytes.byteLength, sha256 };
  }

  let url: URL;
  try {
    url = sourceUrl(entry, settings.baseUrl);
  } catch (error) {
    return fail(causeOf(error), error);
  }
  if (settings.dryRun) return { file, status: 'would-fetch', url: url.href, size: entry.size };

  let bytes: Buffer;
  try {
    bytes = await download(url, { ...settings, expectedSize: entry.size, onRetry: retryLogger(file, settings) });
  } catch (error) {
    return fail(causeOf(error), error);
  }
  if (bytes.byteLength !== entry.size) {
    return fail(`size mismatch for ${url.href}: expected ${entry.size} bytes, got ${bytes.byteLength}`);
  }
  const sha256 = sha256Hex(bytes);
  if (sha256 !== entry.sha256) return fail(`sha256 mismatch for ${url.href}: expected ${entry.sha256}, got ${sha256}`);
  try {
    writeFileDurably(directory, file, bytes);
  } catch (error) {
    return fail(`cannot write ${target}: ${(error as Error).message}`, error);
  }
  return { file, status: 'fetched', url: url.href, size: bytes.byteLength, sha256 };
}

function describeOutcome(outcome: FileOutcome, directory: string): string | undefined {
  switch (outcome.status) {
    case 'fetched':
      return `${outcome.file}: fetched ${outcome.size} bytes from ${outcome.url}, sha256 verified`;
    case 'present':
      return `${outcome.file}: already present, sha256 verified`;
    case 'would-fetch':
      return `${outcome.file}: would fetch ${outcome.size} bytes from ${outcome.url} into ${directory}`;
    case 'failed':
      // Failures are reported by the caller, once each.
      return undefined;
  }
}

function retryLogger(file: string, settings: Settings): (attempt: number, cause: string, delayMs: number) => void {
  return (attempt, cause, delayMs) =>
    settings.log(`${file}: attempt ${attempt} of ${settings.retries + 1} failed (${cause}); retrying in ${delayMs} ms`);
}

function isPlainFileName(file: string): boolean {
  return file !== '' && file !== '.' && file !== '..' && !/[/\\\0]/.test(file) && !file.startsWith(TEMPORARY_PREFIX);
}

// ---------------------------------------------------------------------------------------------
// URLs

function parseDownloadUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CompatError('usage', `${what} ${text}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CompatError('usage', `${what} ${text}: only http and https URLs can be fetched`);
  return url;
}

/**
 * Where a manifest entry is downloaded from. With a mirror, the base replaces the directory of
 * the manifest URL (`https://raw.githubusercontent.com/.../api/docs/v1.25.yaml` with base
 * `https://mirror.example/specs/` -> `https://mirror.example/specs/v1.25.yaml`). An entry whose
 * URL points into a web page (`#fragment`, or a folder) was transcribed, not downloaded: only a
 * mirror can serve it, under its file name.
 */
export function sourceUrl(entry: SourceFile, baseUrl?: URL | string): URL {
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    throw new Error(`the manifest URL ${JSON.stringify(entry.url)} is not a URL`);
  }
  const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const transcribed = url.hash !== '' || lastSegment === '';
  if (baseUrl !== undefined) {
    const base = new URL(typeof baseUrl === 'string' ? baseUrl : baseUrl.href);
    base.search = '';
    base.hash = '';
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return new URL(transcribed ? encodeURIComponent(entry.file) : lastSegment, base);
  }
  if (transcribed) {
    throw new Error(
      `cannot be downloaded: ${entry.url} is the web page it was transcribed from; copy ${entry.file} into the spec directory or fetch from a mirror with --base-url`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`cannot be downloaded: ${entry.url} is not an http or https URL`);
  return url;
}

/**
 * The target of a redirect: relative Locations resolve against the current URL; only http and
 * https, and never from https down to http.
 */
export function resolveRedirect(current: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new DownloadError(`redirect to an invalid Location ${JSON.stringify(location)} from ${current.href}`, false);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new DownloadError(`refusing a redirect to ${next.protocol} URL ${next.href} from ${current.href}`, false);
  }
  if (current.protocol === 'https:' && next.protocol === 'http:') {
    throw new DownloadError(`refusing a redirect from https to http (${current.href} -> ${next.href})`, false);
  }
  next.hash = '';
  return next;
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** A failed download; `retryable` for network errors, time-outs and 5xx answers. */
export class DownloadError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = 'DownloadError';
    this.retryable = retryable;
  }
}

export interface DownloadOptions {
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  userAgent: string;
  /** The manifest size: an announced or received length that differs fails at once. */
  expectedSize?: number;
  maxBytes?: number;
  onRetry?: (attempt: number, cause: string, delayMs: number) => void;
}

/** GET with redirects, time-outs and retries; resolves with the whole body of a 200 answer. */
export async function download(url: URL, options: DownloadOptions): Promise<Buffer> {
  const attempts = options.retries + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await followRedirects(url, options);
    } catch (error) {
      const retryable = error instanceof DownloadError && error.retryable;
      if (!retryable || attempt >= attempts) {
        if (retryable && attempts > 1) throw new DownloadError(`${(error as Error).message} (${attempts} attempts)`, false);
        throw error;
      }
      const delayMs = options.retryDelayMs * 2 ** (attempt - 1);
      options.onRetry?.(attempt, (error as Error).message, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function followRedirects(start: URL, options: DownloadOptions): Promise<Buffer> {
  const chain = [start.href];
  let current = start;
  for (;;) {
    const answer = await getOnce(current, options);
    if (answer.kind === 'body') return answer.bytes;
    const next = resolveRedirect(current, answer.location);
    if (chain.includes(next.href)) {
      throw new DownloadError(`too many redirects: a redirect loop (${[...chain, next.href].join(' -> ')})`, false);
    }
    if (chain.length > MAX_REDIRECTS) {
      throw new DownloadError(`too many redirects (more than ${MAX_REDIRECTS}) from ${start.href}`, false);
    }
    chain.push(next.href);
    current = next;
  }
}

type Answer = { kind: 'body'; bytes: Buffer } | { kind: 'redirect'; location: string };

function getOnce(url: URL, options: DownloadOptions): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const host = url.host;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let phase = 'no response';
    let response: IncomingMessage | undefined;
    const outgoing: ClientRequest = send(url, {
      method: 'GET',
      // A fresh connection per request, closed after it: nothing is left open behind us.
      agent: false,
      headers: { 'User-Agent': options.userAgent, Accept: '*/*', 'Accept-Encoding': 'identity' },
    });
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      response?.destroy();
      outgoing.destroy();
    };
    const fail = (message: string, retryable: boolean): void => settle(() => reject(new DownloadError(message, retryable)));
    // An inactivity timer: restarted whenever something arrives, so a server that sends
    // headers and then nothing, or stops half way, fails after timeoutMs of silence.
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(`timeout after ${options.timeoutMs} ms from ${host} (${phase})`, true), options.timeoutMs);
    };
    arm();
    // A rejected certificate does not get better by asking again; other network errors might.
    outgoing.on('error', (error: NodeJS.ErrnoException) => fail(networkCause(error, host), !isCertificateError(error)));
    outgoing.on('response', (incoming) => {
      response = incoming;
      incoming.on('error', () => {
        // Reported through 'close' below (an incomplete body) or already settled.
      });
      arm();
      const status = incoming.statusCode ?? 0;
      const statusText = `HTTP ${status}${incoming.statusMessage ? ` ${incoming.statusMessage}` : ''}`;
      if (REDIRECT_STATUSES.has(status)) {
        const location = incoming.headers.location;
        if (!location) fail(`${statusText} without a Location header from ${url.href}`, false);
        else settle(() => resolve({ kind: 'redirect', location }));
        return;
      }
      if (status !== 200) {
        fail(`${statusText} from ${url.href}`, status >= 500);
        return;
      }
      const announcedText = incoming.headers['content-length'];
      const announced = announcedText !== undefined && /^\d+$/.test(announcedText) ? Number(announcedText) : undefined;
      if (announced !== undefined && options.expectedSize !== undefined && announced !== options.expectedSize) {
        fail(`size mismatch for ${url.href}: expected ${options.expectedSize} bytes, the server announces ${announced}`, false);
        return;
      }
      const limit = options.expectedSize ?? options.maxBytes;
      if (announced !== undefined && limit !== undefined && announced > limit) {
        fail(`${url.href} announces ${announced} bytes, more than the ${limit} allowed`, false);
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      const describeProgress = (): string => `${received}${announced !== undefined ? ` of ${announced}` : ''} bytes`;
      phase = `body stalled after ${describeProgress()}`;
      incoming.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.byteLength;
        phase = `body stalled after ${describeProgress()}`;
        if (limit !== undefined && received > limit) {
          const mismatch = options.expectedSize !== undefined ? `size mismatch for ${url.href}: expected ${limit} bytes, got more` : `${url.href} sends more than ${limit} bytes`;
          fail(mismatch, false);
          return;
        }
        arm();
      });
      incoming.on('end', () => settle(() => resolve({ kind: 'body', bytes: Buffer.concat(chunks, received) })));
      incoming.on('close', () => {
        if (!incoming.complete) fail(`connection closed by ${host} after ${describeProgress()} (truncated body from ${url.href})`, true);
      });
    });
    outgoing.end();
  });
}

function isCertificateError(error: NodeJS.ErrnoException): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^ERR_TLS_/.test(error.code ?? '');
}

function networkCause(error: NodeJS.ErrnoException, host: string): string {
  if (isCertificateError(error)) return `TLS certificate of ${host} rejected: ${error.message} (${error.code})`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${host}`;
    case 'ECONNRESET':
      return `connection reset by ${host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${host.replace(/:\d+$/, '')}`;
    default:
      return `network error from ${host}: ${error.code ? `${error.code} ` : ''}${error.message}`.trim();
  }
}

function causeOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

// ---------------------------------------------------------------------------------------------
// Files

function prepareDirectory(directory: string, dryRun: boolean): void {
  if (existsSync(directory)) {
    if (!statSync(directory).isDirectory()) throw new CompatError('usage', `${directory}: not a directory`);
    return;
  }
  if (dryRun) return;
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new CompatError('data', `${directory}: cannot create the spec directory: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Writes `bytes` as `directory/file` so that the name never holds anything but the whole
 * file: a temporary file beside it, fsync, rename, then fsync of the directory. The temporary
 * file is removed if anything fails.
 */
export function writeFileDurably(directory: string, file: string, bytes: Uint8Array): void {
  const temporary = join(directory, `${TEMPORARY_PREFIX}${process.pid}.${randomBytes(4).toString('hex')}.${file}.tmp`);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporary, 'wx', 0o644);
    writeFileSync(descriptor, bytes);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, join(directory, file));
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(directory);
}

function syncDirectory(directory: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, 'r');
    fsyncSync(descriptor);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * Temporary files of runs that are gone (killed before they could clean up). A file whose
 * process is still running belongs to a concurrent run and is left alone.
 */
function removeStaleTemporaryFiles(directory: string, settings: Settings): string[] {
  if (!existsSync(directory)) return [];
  const stale = readdirSync(directory).filter((name) => {
    if (!name.startsWith(TEMPORARY_PREFIX)) return false;
    const pid = Number(name.slice(TEMPORARY_PREFIX.length).split('.')[0]);
    return !Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isProcessRunning(pid);
  });
  for (const name of stale) {
    if (settings.dryRun) {
      settings.log(`${name}: would remove a stale temporary file from an interrupted run`);
    } else {
      rmSync(join(directory, name), { force: true });
      settings.log(`${name}: removed a stale temporary file from an interrupted run`);
    }
  }
  return stale;
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
