import type { Node } from 'ts-morph';

/**
 * What the analyser knows about the value of an expression without running it.
 * Unknown parts stay visible (`hole`, `unknown`) so that they are reported as
 * dynamic, never guessed.
 */
export type AbstractValue =
  | { kind: 'string'; value: string }
  /** A string with unknown parts: `'/containers/' + id + '/json'`. */
  | { kind: 'pattern'; parts: PatternPart[] }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'nullish' }
  | ObjectValue
  | { kind: 'array'; elements: AbstractValue[]; open: boolean }
  /** Alternatives, e.g. both branches of a condition, or a value changed under an `if`. */
  | { kind: 'oneOf'; options: AbstractValue[] }
  /** `JSON.stringify(value)`: a request body in the making. */
  | { kind: 'json'; value: AbstractValue }
  /** A value imported from a package: `require('dockerode')`, `import { Agent } from 'undici'`. */
  | { kind: 'module'; specifier: string; member: string[] }
  | { kind: 'function'; node: Node }
  /** An instance of a class declared in the scanned code. */
  /** An object of a local class; `base`: what `new` made of the class it extends (`class Api extends Dockerode`). */
  | { kind: 'instance'; classNode: Node; base?: AbstractValue }
  /** A Docker client object (dockerode Container, node-docker-api Docker, ...). */
  | { kind: 'client'; client: ClientObject }
  /** A client's method taken as a value: `const dial = modem.dial.bind(modem)`. */
  | { kind: 'clientMethod'; client: ClientObject; name: string }
  /**
   * The decoded response of a request found in the code; `path` is what was read of it (`[*]` for
   * an element). `encoded`: its text or bytes instead (a stream, a chunk or line of it), whose
   * properties are not fields; JSON.parse of it gives the decoded response again. `documents`:
   * a stream that emits the decoded JSON documents themselves (piped through JSONStream.parse).
   */
  | { kind: 'response'; responseOf: ResponseSource; path: string[]; encoded?: boolean; documents?: boolean }
  /** An HTTP client object set up for some host: an axios instance, an undici Client, Pool or Agent, a got instance. */
  | { kind: 'httpClient'; library: string; config: AbstractValue }
  | { kind: 'unknown'; reason: string };

export interface ObjectValue {
  kind: 'object';
  properties: Map<string, AbstractValue>;
  /** Keys added by spreads or assignments that could not be resolved. */
  open: boolean;
  /** Why: the values spread in that could not be resolved (`parameter options` for `{ ...options, socketPath }`). */
  openBy?: string[];
  /** Keys written only under a condition. */
  conditional?: Set<string>;
}

export type PatternPart = string | { hole: string };

export type ClientLibrary = 'dockerode' | 'docker-modem' | 'node-docker-api' | 'docker-node-sdk';

export interface ClientObject {
  library: ClientLibrary;
  className: string;
  /** The API version the client pins, as far as known; undefined when it cannot be known. */
  pin: PinInfo | null | undefined;
  /** Why the version the code writes is not a pin after all ('1.41' without the v). */
  pinWarning?: string;
  /** Why the pin is unknown when the construction is known: its options are not (`new Docker(settings)`). */
  pinUnknown?: string;
  /** The response this object wraps (node-docker-api keeps it in `.data`), with the path to its part. */
  origin?: { responseOf: ResponseSource; path: string[] };
}

export interface PinInfo {
  version: string;
  source: 'url' | 'client-option' | 'env';
  node?: Node;
}

/** A pin as a comparable key: the version, 'none' for unpinned, 'unknown' when it could not be traced. */
export function pinKey(pin: PinInfo | null | undefined): string {
  return pin === undefined ? 'unknown' : pin === null ? 'none' : pin.version;
}

/** Where a response value comes from: the call expression that requested it. */
export interface ResponseSource {
  call: Node;
}

export const UNKNOWN = (reason: string): AbstractValue => ({ kind: 'unknown', reason });

/** The reason of a value that depends on itself (`const a = b; const b = a;`), also the name of its hole in a string. */
export const CIRCULAR_REFERENCE = 'circular reference';

export function stringValue(value: string): AbstractValue {
  return { kind: 'string', value };
}

/** The parts of a string-like value, or undefined when it is not string-like. */
export function stringParts(value: AbstractValue): PatternPart[] | undefined {
  switch (value.kind) {
    case 'string':
      return [value.value];
    case 'pattern':
      return value.parts;
    case 'number':
    case 'boolean':
      return [String(value.value)];
    default:
      return undefined;
  }
}

/** Concatenation of string-like values; anything not string-like becomes a hole. */
/** How a value that is not text stands in a pattern: the reason it is unknown (`parameter path`), or its kind. */
export function holeName(value: AbstractValue): string {
  return value.kind === 'unknown' ? value.reason : value.kind;
}

export function concatValues(values: AbstractValue[], describeHole: (value: AbstractValue) => string): AbstractValue {
  const parts: PatternPart[] = [];
  for (const value of values) {
    if (value.kind === 'oneOf') {
      return { kind: 'oneOf', options: value.options.map((option) => concatValues(values.map((item) => (item === value ? option : item)), describeHole)) };
    }
    const pieces = stringParts(value) ?? [{ hole: describeHole(value) }];
    for (const piece of pieces) {
      const last = parts[parts.length - 1];
      if (typeof piece === 'string' && typeof last === 'string') parts[parts.length - 1] = last + piece;
      else parts.push(piece);
    }
  }
  if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'string', value: parts[0] };
  if (parts.length === 0) return { kind: 'string', value: '' };
  return { kind: 'pattern', parts };
}

/** Text of a string-like value with holes written as `{}`. */
export function patternText(value: AbstractValue): string | undefined {
  const parts = stringParts(value);
  if (!parts) return undefined;
  return parts.map((part) => (typeof part === 'string' ? part : '{}')).join('');
}

export function holesOf(value: AbstractValue): string[] {
  const parts = stringParts(value);
  return parts ? parts.filter((part): part is { hole: string } => typeof part !== 'string').map((part) => part.hole) : [];
}

/** Every alternative of a value (one for anything but `oneOf`), flattened. */
export function alternatives(value: AbstractValue): AbstractValue[] {
  return value.kind === 'oneOf' ? value.options.flatMap(alternatives) : [value];
}

export function oneOf(options: AbstractValue[]): AbstractValue {
  const flat = options.flatMap(alternatives);
  const seen = new Set<string>();
  const unique = flat.filter((option) => {
    const key = valueKey(option);
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.length === 1 ? unique[0] : { kind: 'oneOf', options: unique };
}

/** A key for removing duplicate alternatives; structured values are kept as they are. */
function valueKey(value: AbstractValue): string | undefined {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return `${value.kind}:${String(value.value)}`;
    case 'pattern':
      return `pattern:${JSON.stringify(value.parts)}`;
    case 'unknown':
      return `unknown:${value.reason}`;
    case 'nullish':
      return 'nullish';
    default:
      return undefined;
  }
}

/** Merges objects (Object.assign, spreads): later keys win, openness accumulates. */
export function mergeObjects(values: AbstractValue[]): ObjectValue {
  const merged: ObjectValue = { kind: 'object', properties: new Map(), open: false };
  for (const value of values) {
    if (value.kind === 'object') {
      for (const [key, property] of value.properties) merged.properties.set(key, property);
      if (value.open) merged.open = true;
      if (value.openBy) merged.openBy = [...(merged.openBy ?? []), ...value.openBy];
      for (const key of value.conditional ?? []) (merged.conditional ??= new Set()).add(key);
    } else if (value.kind === 'oneOf') {
      for (const option of value.options) {
        const part = mergeObjects([option]);
        for (const [key, property] of part.properties) {
          merged.properties.set(key, property);
          (merged.conditional ??= new Set()).add(key);
        }
        if (part.open) merged.open = true;
      }
    } else if (value.kind !== 'nullish') {
      merged.open = true;
      if (value.kind === 'unknown') merged.openBy = [...(merged.openBy ?? []), value.reason];
    }
  }
  return merged;
}

/** Whether part of a value is a parameter of an enclosing function (so its callers decide it). */
export function mentionsParameter(value: AbstractValue): boolean {
  return parametersMentioned(value).length > 0;
}

/** The names of the parameters a value depends on. */
export function parametersMentioned(value: AbstractValue, depth = 0): string[] {
  if (depth > 6) return [];
  const named = (reason: string) => (reason.startsWith('parameter ') ? [reason.slice('parameter '.length)] : []);
  switch (value.kind) {
    case 'unknown':
      return named(value.reason);
    case 'pattern':
      return value.parts.flatMap((part) => (typeof part === 'string' ? [] : named(part.hole)));
    case 'oneOf':
      return value.options.flatMap((option) => parametersMentioned(option, depth + 1));
    case 'object':
      return [...(value.openBy ?? []).flatMap(named), ...[...value.properties.values()].flatMap((property) => parametersMentioned(property, depth + 1))];
    case 'array':
      return value.elements.flatMap((element) => parametersMentioned(element, depth + 1));
    case 'json':
      return parametersMentioned(value.value, depth + 1);
    default:
      return [];
  }
}
