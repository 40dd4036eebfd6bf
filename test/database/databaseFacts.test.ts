import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { loadSpecDocument } from '../../src/load/loadSpec.js';
import { buildSurface, type SpecSurface } from '../../src/surface/buildSurface.js';
import { featureKey, type FeatureRef } from '../../src/surface/feature.js';
import { SKIP_REASON, SPEC_DIR } from '../helpers/specDirectory.js';

const index = new CompatIndex(loadDatabase());

function record(ref: FeatureRef) {
  const found = index.feature(ref);
  if (!found) throw new Error(`not in the database: ${featureKey(ref)}`);
  return found;
}

const cgroupnsMode: FeatureRef = { method: 'POST', path: '/containers/create', location: 'body', name: 'HostConfig.CgroupnsMode' };
const manifests: FeatureRef = { method: 'GET', path: '/images/json', location: 'query', name: 'manifests' };
const buildPrune: FeatureRef = { method: 'POST', path: '/build/prune', location: 'operation', name: '' };
const attestations: FeatureRef = { method: 'GET', path: '/images/{name}/attestations', location: 'operation', name: '' };
const macAddress: FeatureRef = { method: 'POST', path: '/containers/create', location: 'body', name: 'MacAddress' };
const kernelMemory: FeatureRef = { method: 'POST', path: '/containers/create', location: 'body', name: 'HostConfig.KernelMemory' };

describe('the compiled database states the facts the specs show', () => {
  it('HostConfig.CgroupnsMode on POST /containers/create was added in 1.41', () => {
    expect(record(cgroupnsMode)).toMatchObject({ added: '1.41', addedIsFloor: false, removed: null, deprecated: null });
  });

  it('GET /images/json?manifests was added in 1.47', () => {
    expect(record(manifests)).toMatchObject({ added: '1.47', addedIsFloor: false, removed: null });
  });

  it('POST /build/prune was added in 1.31', () => {
    expect(record(buildPrune)).toMatchObject({ added: '1.31', addedIsFloor: false, removed: null });
  });

  it('GET /images/{name}/attestations was added in 1.55', () => {
    expect(record(attestations)).toMatchObject({ added: '1.55', removed: null });
  });

  it('MacAddress in the create body was deprecated in 1.44 and removed in 1.52, naming its replacement', () => {
    expect(record(macAddress)).toMatchObject({ deprecated: '1.44', removed: '1.52', replacement: 'EndpointSettings.MacAddress' });
  });

  it('HostConfig.KernelMemory was removed in 1.42', () => {
    expect(record(kernelMemory).removed).toBe('1.42');
  });

  it('a feature already in the oldest spec is "added in 1.25 or earlier", never "added in 1.25"', () => {
    const create = record({ method: 'POST', path: '/containers/create', location: 'operation', name: '' });
    expect(create).toMatchObject({ added: '1.25', addedIsFloor: true });
  });

  it('stats fields the specs first describe when the response got a schema (1.48) are "1.48 or earlier"', () => {
    const stats = (name: string): FeatureRef => ({ method: 'GET', path: '/containers/{id}/stats', location: 'response', status: '200', name });
    expect(record(stats('blkio_stats.io_service_bytes_recursive'))).toMatchObject({ added: '1.48', addedIsFloor: true });
    expect(record(stats('num_procs'))).toMatchObject({ added: '1.48', addedIsFloor: true });
    // Added to a response that had its schema by then: exact.
    expect(record(stats('os_type'))).toMatchObject({ added: '1.52', addedIsFloor: false });
    // Elsewhere, a field added under a described parent keeps its exact version.
    expect(record({ method: 'GET', path: '/containers/{id}/json', location: 'response', status: '200', name: 'HostConfig.CgroupnsMode' })).toMatchObject({ added: '1.41', addedIsFloor: false });
  });

  it('path parameter names are not part of an operation identity', () => {
    expect(index.feature({ method: 'GET', path: '/images/{id}/json', location: 'operation', name: '' })?.path).toBe('/images/{name}/json');
  });

  it('the errata correct HostConfig.Init to 1.25 and keep the 1.37 of the specs beside it', () => {
    const init = record({ method: 'POST', path: '/containers/create', location: 'body', name: 'HostConfig.Init' });
    expect(init.added).toBe('1.25');
    expect(init.errata).toEqual([expect.objectContaining({ field: 'added', specValue: '1.37', correctedValue: '1.25', changelogVersion: '1.25' })]);
  });

  it('array responses flatten with [] at the root', () => {
    expect(index.feature({ method: 'GET', path: '/containers/json', location: 'response', status: '200', name: '[].Names' })).toBeDefined();
  });

  it('arrays and maps in request bodies flatten to [] and {}', () => {
    expect(index.feature({ method: 'POST', path: '/containers/create', location: 'body', name: 'HostConfig.Mounts[].BindOptions.CreateMountpoint' })?.added).toBe('1.42');
    expect(index.feature({ method: 'POST', path: '/containers/create', location: 'body', name: 'NetworkingConfig.EndpointsConfig{}.IPAMConfig' })).toBeDefined();
  });
});

async function surfaceOf(version: string): Promise<SpecSurface> {
  const path = join(SPEC_DIR!, `v${version}.yaml`);
  return buildSurface(await loadSpecDocument(readFileSync(path, 'utf8'), path), version);
}

describe.skipIf(!SPEC_DIR)(`the facts hold in the raw YAML (${SPEC_DIR ? 'specs found' : SKIP_REASON})`, () => {
  it.each([
    [cgroupnsMode, '1.40', '1.41'],
    [manifests, '1.46', '1.47'],
    [buildPrune, '1.30', '1.31'],
    [attestations, '1.54', '1.55'],
  ])('%j is absent in %s and present in %s', async (ref, before, after) => {
    expect((await surfaceOf(before)).features.has(featureKey(ref))).toBe(false);
    expect((await surfaceOf(after)).features.has(featureKey(ref))).toBe(true);
  });

  it('MacAddress is unmarked in 1.43, deprecated in 1.44, and gone in 1.52', async () => {
    expect((await surfaceOf('1.43')).features.get(featureKey(macAddress))?.facts.deprecated).toBeUndefined();
    expect((await surfaceOf('1.44')).features.get(featureKey(macAddress))?.facts.deprecated).toBe(true);
    expect((await surfaceOf('1.52')).features.has(featureKey(macAddress))).toBe(false);
  });

  it('HostConfig.KernelMemory is in 1.41 and not in 1.42', async () => {
    expect((await surfaceOf('1.41')).features.has(featureKey(kernelMemory))).toBe(true);
    expect((await surfaceOf('1.42')).features.has(featureKey(kernelMemory))).toBe(false);
  });
});
