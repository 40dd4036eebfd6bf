import type { CallExpression } from 'ts-morph';
import type { HttpMethod } from '../../surface/feature.js';
import { newRawUsage, type RawUsage } from '../usage.js';
import { alternatives, UNKNOWN, type AbstractValue, type ClientObject } from './abstractValue.js';
import type { CodeAnalyser, FoundUsage } from './codeAnalyser.js';
import { pinOf } from './dockerClientCalls.js';
import { flattenOptionKeys, topLevelKeys } from './optionKeys.js';
import { describeRequestTarget } from './requestTarget.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);

/**
 * `modem.dial({ path, method, options, authconfig, file })`: docker-modem appends the
 * options as a query string when the path contains `?`, and sends them (or `_body`) as
 * the JSON body of a POST without a file.
 */
export function recogniseModemDial(call: CallExpression, client: ClientObject, analyser: CodeAnalyser): FoundUsage[] {
  const argument = call.getArguments()[0];
  const resolver = analyser.resolver;
  const request = argument ? resolver.resolve(argument) : UNKNOWN('no argument');
  const results: FoundUsage[] = [];
  for (const option of alternatives(request).slice(0, 4)) {
    const usage = newRawUsage({
      ...analyser.position(call.getExpression()),
      client: client.library === 'dockerode' ? 'docker-modem' : client.library,
      via: 'Modem.dial',
      pin: pinOf(client, analyser),
    });
    if (option.kind !== 'object') {
      usage.dynamic.push(`request: ${option.kind === 'unknown' ? option.reason : option.kind}`);
      results.push({ usage, callNode: call, receivesResponse: true });
      continue;
    }
    fillFromDialOptions(usage, option.properties);
    results.push({ usage, callNode: call, receivesResponse: true });
  }
  return results;
}

function fillFromDialOptions(usage: RawUsage, properties: Map<string, AbstractValue>): void {
  const method = properties.get('method');
  if (method?.kind === 'string' && METHODS.has(method.value.toUpperCase())) usage.method = method.value.toUpperCase() as HttpMethod;
  else usage.dynamic.push('method');
  const target = describeRequestTarget(properties.get('path') ?? UNKNOWN('no path'));
  usage.path = target.path;
  usage.query.push(...target.query);
  usage.dynamic.push(...target.dynamic);
  if (target.pin) usage.pin = { version: target.pin, source: 'url' };

  const options = properties.get('options');
  const pathHasQuery = target.hasQuestionMark;
  if (options && options.kind !== 'nullish') {
    const envelope = options.kind === 'object' && (options.properties.has('_query') || options.properties.has('_body'));
    const queryValue = envelope && options.kind === 'object' ? options.properties.get('_query') : options;
    const bodyValue = envelope && options.kind === 'object' ? options.properties.get('_body') : options;
    const notControl = (key: string) => !['authconfig', 'abortSignal', 'registryconfig'].includes(key.split(/[.[]/)[0]);
    const sendsBody = usage.method === 'POST' && !properties.has('file');
    if (pathHasQuery && sendsBody && !envelope && queryValue) {
      // Every key goes to the query string and the body; the spec decides which each is.
      const keys = flattenOptionKeys(queryValue, 'options');
      usage.queryOrBody = keys.paths.filter(notControl);
      usage.dynamic.push(...keys.dynamic);
    } else {
      if (pathHasQuery && queryValue) {
        const keys = flattenOptionKeys(queryValue, 'options');
        usage.query.push(...topLevelKeys(keys).filter(notControl));
        usage.dynamic.push(...keys.dynamic);
      }
      if (sendsBody && bodyValue) {
        const keys = flattenOptionKeys(bodyValue, 'body');
        usage.body.push(...keys.paths.filter(notControl));
        usage.dynamic.push(...keys.dynamic);
      }
    }
  }
  if (properties.has('authconfig')) usage.headers.push('X-Registry-Auth');
  if (properties.has('registryconfig')) usage.headers.push('X-Registry-Config');
  const hijack = properties.get('hijack');
  if (hijack?.kind === 'boolean' && hijack.value) usage.headers.push('Connection', 'Upgrade');
}
