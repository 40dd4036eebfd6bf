import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { compileDatabase } from '../../src/database/compileDatabase.js';
import { readErrata, type Erratum } from '../../src/database/errata.js';
import { buildSurface } from '../../src/surface/buildSurface.js';
import type { FeatureRef } from '../../src/surface/feature.js';

// Fields the daemon sent that no spec describes: GET /events' status, id and from, until API 1.52.
const eventField = (name: string): FeatureRef => ({ method: 'GET', path: '/events', location: 'response', status: '200', name });

describe('the bundled database knows the event fields no spec describes', () => {
  const index = new CompatIndex(loadDatabase());

  it.each(['status', 'id', 'from'])('GET /events %s: sent until 1.52, deprecated before the oldest spec', (name) => {
    const record = index.feature(eventField(name));
    expect(record).toMatchObject({ added: '1.25', addedIsFloor: true, removed: '1.52', deprecated: '1.25', presence: [{ from: '1.25', until: '1.52' }], facts: { type: 'string' } });
    expect(record!.errata).toEqual([
      expect.objectContaining({ field: 'removed', specValue: null, correctedValue: '1.52', changelogVersion: '1.52' }),
      expect.objectContaining({ field: 'deprecated', specValue: null, correctedValue: '1.25', changelogVersion: '1.52' }),
    ]);
    expect(record!.changes.map((change) => `${change.version} ${change.kind} ${change.severity}`)).toEqual([
      '1.25 response-field-deprecated deprecation',
      '1.52 response-field-removed breaking',
    ]);
  });
});

describe('an "undocumented" erratum', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dac-errata-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const eventsSpec = (version: string) =>
    buildSurface(
      { paths: { '/events': { get: { responses: { '200': { description: 'ok', schema: { type: 'object', properties: { Type: { type: 'string' } } } } } } } } },
      version,
    );
  const compile = (errata: Erratum[]) => compileDatabase({ surfaces: [eventsSpec('1.25'), eventsSpec('1.26'), eventsSpec('1.27')], engines: [], errata, sources: [] });
  const erratum = (name: string): Erratum => ({ features: [eventField(name)], field: 'removed', value: '1.27', changelog: '1.27', undocumented: { type: 'string' }, note: 'v1.27 stops sending it' });

  it('creates the record, present from the oldest spec until its version', () => {
    const record = compile([erratum('status')]).features.find((feature) => feature.name === 'status');
    expect(record).toMatchObject({ added: '1.25', addedIsFloor: true, removed: '1.27', presence: [{ from: '1.25', until: '1.27' }], facts: { type: 'string' } });
  });

  it('is refused for a feature the specs describe', () => {
    expect(() => compile([erratum('Type')])).toThrow('specs/errata.json: GET /events response 200 field Type is in the specs now; drop "undocumented" from the erratum');
  });

  it('goes only with "removed", and names a type', () => {
    const path = join(folder, 'errata.json');
    writeFileSync(path, JSON.stringify({ errata: [{ ...erratum('status'), field: 'added', value: '1.26' }] }));
    expect(() => readErrata(path)).toThrow(`${path}: errata[0]: undocumented goes with field "removed" and gives the features' JSON type: { "type": "string" }`);
    writeFileSync(path, JSON.stringify({ errata: [{ ...erratum('status'), undocumented: {} }] }));
    expect(() => readErrata(path)).toThrow(/undocumented goes with field "removed"/);
  });
});
