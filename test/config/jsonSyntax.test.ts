import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkJsonSyntax } from '../../src/config/jsonSyntax.js';
import { REPO_ROOT } from '../helpers/runCli.js';

/** JSON.parse is the reference for what is JSON; the checker only adds positions and steady messages. */
const TEXTS = [
  '{}',
  ' { "a" : [ 1 , -2.5e+3 , 0 , true , false , null , "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9" ] } ',
  '[]',
  '"just a string"',
  '0',
  '{"a":{"b":{"c":[[],[{}]]}}}',
  '{"a": 1,}',
  '[1,]',
  '{"a" 1}',
  '{"a": 1 "b": 2}',
  '[1 2]',
  '{a: 1}',
  "{'a': 1}",
  '{"a": 01}',
  '{"a": 1.}',
  '{"a": .5}',
  '{"a": +1}',
  '{"a": -}',
  '{"a": 1e}',
  '{"a": "\\x"}',
  '{"a": "\\u12"}',
  '{"a": "tab\there"}',
  '{"a": "line\nbreak"}',
  '{"a": tru}',
  '{"a": nullx}',
  '{"a": 1} x',
  '{"a": 1}}',
  '{"a": [1}',
  '{"a": 1',
  '{',
  '',
  '// comment\n{}',
  '{} /* trailing */',
  '{"a": NaN}',
  '{"a": Infinity}',
];

describe('checkJsonSyntax', () => {
  it.each(TEXTS)('agrees with JSON.parse on %j', (text) => {
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    const error = checkJsonSyntax(text);
    expect(error === null).toBe(valid);
    if (error) expect(error.offset).toBeGreaterThanOrEqual(0);
  });

  it('accepts the package manifests of this repository', () => {
    for (const path of ['package.json', 'package-lock.json']) expect(checkJsonSyntax(readFileSync(join(REPO_ROOT, path), 'utf8')), path).toBeNull();
  });

  it('rejects duplicate keys in one object, which JSON.parse lets through', () => {
    expect(checkJsonSyntax('{"a": 1, "b": {"a": 2}}')).toBeNull();
    expect(checkJsonSyntax('{"a": 1, "a": 2}')).toEqual({ offset: 9, message: 'duplicate key "a"' });
  });
});
