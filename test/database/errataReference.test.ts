import { describe, expect, it } from 'vitest';
import { loadDatabase } from '../../src/database/compatDatabase.js';
import { CompatIndex } from '../../src/database/compatIndex.js';
import { featureKey, type FeatureRef } from '../../src/surface/feature.js';

// Facts that specs/errata.json corrects from the archived Markdown references (v1.18..v1.24.md)
// and from the changelog's v1.25 section, read from the bundled specs/database.json.
const database = loadDatabase();
const index = new CompatIndex(database);

function record(ref: FeatureRef) {
  const found = index.feature(ref);
  if (!found) throw new Error(`not in the database: ${featureKey(ref)}`);
  return found;
}

const stats = (name: string): FeatureRef => ({ method: 'GET', path: '/containers/{id}/stats', location: 'response', status: '200', name });
const inspect = (name: string): FeatureRef => ({ method: 'GET', path: '/containers/{id}/json', location: 'response', status: '200', name });
const createBody = (name: string): FeatureRef => ({ method: 'POST', path: '/containers/create', location: 'body', name });

describe('fields the v1.24 reference already documents are "1.25 or earlier"', () => {
  it.each([
    ['memory_stats.usage', '1.48'],
    ['cpu_stats.system_cpu_usage', '1.48'],
    ['precpu_stats.cpu_usage.total_usage', '1.48'],
    ['networks{}.rx_bytes', '1.48'],
  ])('stats %s (the specs say %s)', (name, specValue) => {
    const found = record(stats(name));
    expect(found).toMatchObject({ added: '1.25', addedIsFloor: true });
    expect(found.errata).toEqual([expect.objectContaining({ field: 'added', specValue, correctedValue: '1.25', referenceVersion: '1.24' })]);
  });

  it('container inspect NetworkSettings.SandboxKey (the specs say 1.32)', () => {
    expect(record(inspect('NetworkSettings.SandboxKey'))).toMatchObject({ added: '1.25', addedIsFloor: true });
  });

  it('node Status and ManagerStatus; Status.Addr stays exactly 1.25, from the changelog', () => {
    const node = (name: string): FeatureRef => ({ method: 'GET', path: '/nodes/{id}', location: 'response', status: '200', name });
    expect(record(node('Status'))).toMatchObject({ added: '1.25', addedIsFloor: true });
    expect(record(node('ManagerStatus.Leader'))).toMatchObject({ added: '1.25', addedIsFloor: true });
    expect(record(node('Status.Addr'))).toMatchObject({ added: '1.25', addedIsFloor: false });
  });

  it('PortBindings as a map of lists, which the specs before 1.35 describe as a map of objects', () => {
    expect(record(createBody('HostConfig.PortBindings{}[].HostPort'))).toMatchObject({ added: '1.25', addedIsFloor: true });
  });

  it('IPAM Config entries, which the specs before 1.41 describe as string maps; AuxiliaryAddresses stays 1.41', () => {
    const networkCreate = (name: string): FeatureRef => ({ method: 'POST', path: '/networks/create', location: 'body', name });
    const networkInspect = (name: string): FeatureRef => ({ method: 'GET', path: '/networks/{id}', location: 'response', status: '200', name });
    for (const ref of [networkCreate('IPAM.Config[].Gateway'), networkCreate('IPAM.Config[].Subnet'), networkInspect('IPAM.Config[].IPRange')]) {
      expect(record(ref), featureKey(ref)).toMatchObject({ added: '1.25', addedIsFloor: true });
      expect(record(ref).errata).toEqual([expect.objectContaining({ field: 'added', specValue: '1.41', referenceVersion: '1.24' })]);
    }
    expect(record(networkCreate('IPAM.Config[].AuxiliaryAddresses'))).toMatchObject({ added: '1.41', addedIsFloor: false });
  });

  it('KernelMemory on the update body, from the v1.23 reference', () => {
    const found = record({ method: 'POST', path: '/containers/{id}/update', location: 'body', name: 'KernelMemory' });
    expect(found).toMatchObject({ added: '1.25', addedIsFloor: true, removed: '1.42' });
    expect(found.errata).toContainEqual(expect.objectContaining({ field: 'added', specValue: '1.36', referenceVersion: '1.23' }));
  });

  it('a field shown in v1.24.md that the changelog dates later keeps the later version: Healthcheck.StartPeriod (v1.29)', () => {
    expect(record(createBody('Healthcheck.StartPeriod'))).toMatchObject({ added: '1.29', addedIsFloor: false });
  });

  it('every correction citing a reference leaves "1.25 or earlier"', () => {
    const cited = database.features.filter((feature) => feature.errata?.some((erratum) => erratum.referenceVersion !== undefined));
    expect(cited.length).toBeGreaterThan(50);
    for (const feature of cited) expect(feature, featureKey(feature)).toMatchObject({ added: '1.25', addedIsFloor: true });
  });
});

describe('features the changelog adds in v1.25 are exactly 1.25, not "1.25 or earlier"', () => {
  it.each([
    [createBody('HostConfig.AutoRemove')],
    [inspect('HostConfig.AutoRemove')],
    [createBody('HostConfig.Mounts[].VolumeOptions.NoCopy')],
    [createBody('StopTimeout')],
    [createBody('HostConfig.NanoCpus')],
    [{ method: 'GET', path: '/version', location: 'response', status: '200', name: 'MinAPIVersion' } as FeatureRef],
    [{ method: 'GET', path: '/exec/{id}/json', location: 'response', status: '200', name: 'Pid' } as FeatureRef],
    [{ method: 'POST', path: '/containers/prune', location: 'operation', name: '' } as FeatureRef],
    [{ method: 'GET', path: '/secrets', location: 'operation', name: '' } as FeatureRef],
  ])('%j', (ref) => {
    const found = record(ref);
    expect(found).toMatchObject({ added: '1.25', addedIsFloor: false });
    expect(found.errata).toContainEqual(expect.objectContaining({ field: 'added', specValue: '1.25', correctedValue: '1.25', changelogVersion: '1.25' }));
  });

  it('later sub-fields of HostConfig.Mounts keep their own versions', () => {
    expect(record(createBody('HostConfig.Mounts[].BindOptions.NonRecursive')).added).toBe('1.40');
  });

  it('network inspect Peers is 1.25, although the specs show it only from 1.41', () => {
    const peers = record({ method: 'GET', path: '/networks/{id}', location: 'response', status: '200', name: 'Peers' });
    expect(peers).toMatchObject({ added: '1.25', addedIsFloor: false });
    expect(peers.errata).toEqual([expect.objectContaining({ specValue: '1.41', changelogVersion: '1.25' })]);
  });
});
