import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../src/diff/changeKinds.js';
import { diffSurfaces } from '../../src/diff/diffSurfaces.js';
import { buildSurface } from '../../src/surface/buildSurface.js';

type Doc = { paths: Record<string, Record<string, unknown>> };

/** A one-operation spec: POST /things/{id}/update with a query parameter, a body and a response. */
function spec(options: { query?: object; body?: object; response?: object; responses?: object; extraPath?: boolean; operation?: object } = {}): Doc {
  const parameters: object[] = [{ name: 'id', in: 'path', type: 'string', required: true }];
  if (options.query) parameters.push({ name: 'force', in: 'query', type: 'boolean', ...options.query });
  if (options.body) parameters.push({ name: 'body', in: 'body', schema: { type: 'object', properties: { Config: { type: 'object', properties: options.body } } } });
  const responses = options.responses ?? { 200: { description: 'ok', schema: { type: 'object', properties: options.response ?? {} } } };
  const paths: Doc['paths'] = { '/things/{id}/update': { post: { parameters, responses, ...options.operation } } };
  if (options.extraPath) paths['/things/prune'] = { post: { responses: { 200: { description: 'ok' } } } };
  return { paths };
}

function kindsBetween(before: Doc, after: Doc): string[] {
  return diffSurfaces(buildSurface(before, '1.40'), buildSurface(after, '1.41'))
    .filter((change) => !change.implied)
    .map((change) => change.kind);
}

const cases: Array<[string, Doc, Doc, string]> = [
  ['adding an endpoint is an addition', spec(), spec({ extraPath: true }), 'operation-added'],
  ['removing an endpoint is breaking', spec({ extraPath: true }), spec(), 'operation-removed'],
  ['an endpoint marked deprecated in its description is a deprecation', spec(), spec({ operation: { description: 'Deprecated: use something else.' } }), 'operation-deprecated'],
  ['adding an optional query parameter is an addition', spec(), spec({ query: {} }), 'parameter-added'],
  ['adding a required query parameter to an existing endpoint is breaking', spec(), spec({ query: { required: true } }), 'required-parameter-added'],
  ['removing a query parameter is breaking', spec({ query: {} }), spec(), 'parameter-removed'],
  ['changing a parameter type is breaking', spec({ query: {} }), spec({ query: { type: 'string' } }), 'parameter-type-changed'],
  ['changing a parameter format is a behaviour change', spec({ query: { type: 'integer' } }), spec({ query: { type: 'integer', format: 'int64' } }), 'parameter-format-changed'],
  ['changing a parameter default is a behaviour change', spec({ query: { default: false } }), spec({ query: { default: true } }), 'parameter-default-changed'],
  ['a parameter that becomes required is breaking', spec({ query: {} }), spec({ query: { required: true } }), 'parameter-became-required'],
  ['a parameter that becomes optional is an addition', spec({ query: { required: true } }), spec({ query: {} }), 'parameter-became-optional'],
  ['a parameter marked deprecated is a deprecation', spec({ query: {} }), spec({ query: { description: 'Deprecated: this parameter is deprecated.' } }), 'parameter-deprecated'],
  ['a new enum value on a parameter is an addition', spec({ query: { type: 'string', enum: ['a'] } }), spec({ query: { type: 'string', enum: ['a', 'b'] } }), 'parameter-enum-value-added'],
  ['dropping an enum value from a parameter is breaking', spec({ query: { type: 'string', enum: ['a', 'b'] } }), spec({ query: { type: 'string', enum: ['a'] } }), 'parameter-enum-value-removed'],
  ['restricting a free parameter to an enum is breaking', spec({ query: { type: 'string' } }), spec({ query: { type: 'string', enum: ['a'] } }), 'parameter-enum-added'],
  ['lifting a parameter enum is an addition', spec({ query: { type: 'string', enum: ['a'] } }), spec({ query: { type: 'string' } }), 'parameter-enum-removed'],
  ['adding a body field is an addition', spec({ body: {} }), spec({ body: { Init: { type: 'boolean' } } }), 'body-field-added'],
  ['removing a body field is breaking (the daemon ignores it silently)', spec({ body: { Init: { type: 'boolean' } } }), spec({ body: {} }), 'body-field-removed'],
  ['changing a body field type is breaking', spec({ body: { Cmd: { type: 'string' } } }), spec({ body: { Cmd: { type: 'array', items: { type: 'string' } } } }), 'body-field-type-changed'],
  ['a body field that becomes nullable is an addition', spec({ body: { Mac: { type: 'string' } } }), spec({ body: { Mac: { type: 'string', 'x-nullable': true } } }), 'body-field-became-nullable'],
  ['a body field that stops being nullable is a behaviour change', spec({ body: { Mac: { type: 'string', 'x-nullable': true } } }), spec({ body: { Mac: { type: 'string' } } }), 'body-field-became-non-nullable'],
  ['a body field marked deprecated is a deprecation', spec({ body: { Mac: { type: 'string' } } }), spec({ body: { Mac: { type: 'string', description: 'Deprecated: use Other instead.' } } }), 'body-field-deprecated'],
  ['a body field whose deprecation note goes away is an addition', spec({ body: { Mac: { type: 'string', description: 'Deprecated: gone soon.' } } }), spec({ body: { Mac: { type: 'string' } } }), 'body-field-undeprecated'],
  ['adding a response field is an addition', spec(), spec({ response: { Health: { type: 'string' } } }), 'response-field-added'],
  ['removing a response field is breaking', spec({ response: { Health: { type: 'string' } } }), spec(), 'response-field-removed'],
  ['a new enum value in a response is a behaviour change', spec({ response: { State: { type: 'string', enum: ['a'] } } }), spec({ response: { State: { type: 'string', enum: ['a', 'b'] } } }), 'response-field-enum-value-added'],
  ['a response field that becomes nullable is a behaviour change', spec({ response: { Created: { type: 'string' } } }), spec({ response: { Created: { type: 'string', 'x-nullable': true } } }), 'response-field-became-nullable'],
  ['removing the success status is breaking', spec({ responses: { 200: { description: 'ok' } } }), spec({ responses: { 204: { description: 'ok' } } }), 'response-success-status-removed'],
  ['removing an error status is a behaviour change', spec({ responses: { 200: { description: 'ok' }, 404: { description: 'gone' } } }), spec({ responses: { 200: { description: 'ok' } } }), 'response-status-removed'],
  ['a response whose body turns from object to array is breaking', spec({ responses: { 200: { description: 'ok', schema: { type: 'object' } } } }), spec({ responses: { 200: { description: 'ok', schema: { type: 'array', items: { type: 'string' } } } } }), 'response-type-changed'],
];

describe('each change kind is detected with its severity', () => {
  it.each(cases)('%s', (_sentence, before, after, kind) => {
    expect(kindsBetween(before, after)).toContain(kind);
  });

  it('every kind named in a case is a registered kind', () => {
    const registered = new Set(CHANGE_KINDS.map((info) => info.id));
    for (const [, , , kind] of cases) expect(registered.has(kind)).toBe(true);
  });

  it('renaming a path parameter ({name} to {id}) changes nothing', () => {
    const before: Doc = { paths: { '/images/{name}/json': { get: { parameters: [{ name: 'name', in: 'path', type: 'string', required: true }], responses: { 200: { description: 'ok' } } } } } };
    const after: Doc = { paths: { '/images/{id}/json': { get: { parameters: [{ name: 'id', in: 'path', type: 'string', required: true }], responses: { 200: { description: 'ok' } } } } } };
    expect(kindsBetween(before, after)).toEqual([]);
  });

  it('the fields of a removed endpoint are implied by its removal, not listed on their own', () => {
    const changes = diffSurfaces(buildSurface(spec({ body: { Init: { type: 'boolean' } } }), '1.40'), buildSurface({ paths: {} }, '1.41'));
    expect(changes.filter((change) => !change.implied).map((change) => change.kind)).toEqual(['operation-removed']);
    expect(changes.find((change) => change.feature.name === 'Config.Init')?.implied).toBe(true);
  });

  it('a required field inside a newly added object is an addition, not a new requirement', () => {
    const after = spec({ body: { Limits: { type: 'object', required: ['Max'], properties: { Max: { type: 'integer' } } } } });
    expect(kindsBetween(spec({ body: {} }), after)).toEqual(['body-field-added']);
  });

  it('breaking changes come first in a diff', () => {
    const changes = diffSurfaces(buildSurface(spec({ query: {} }), '1.40'), buildSurface(spec({ extraPath: true }), '1.41'));
    expect(changes.filter((change) => !change.implied).map((change) => change.severity)).toEqual(['breaking', 'addition']);
  });
});
