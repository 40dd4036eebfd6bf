import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseChangelog, type ChangelogBullet } from '../../src/changelog/parseChangelog.js';
import { reconcileChangelog, type ReconciledBullet, type Reconciliation } from '../../src/changelog/reconcileChangelog.js';
import { renderReconciliationMarkdown } from '../../src/changelog/reconciliationReport.js';
import { loadDatabase, type CompatDatabase, type FeatureRecord } from '../../src/database/compatDatabase.js';
import { compileFromSources } from '../../src/database/compileFromSources.js';
import { readErrata } from '../../src/database/errata.js';
import { readSourcesManifest } from '../../src/load/sourcesManifest.js';
import type { FeatureRef } from '../../src/surface/feature.js';
import { REPO_ROOT } from '../helpers/runCli.js';
import { SKIP_REASON, SPEC_DIR } from '../helpers/specDirectory.js';

function record(ref: FeatureRef, added: string, changes: FeatureRecord['changes'] = []): FeatureRecord {
  return { ...ref, added, addedIsFloor: added === '1.25', removed: null, deprecated: null, presence: [{ from: added, until: null }], facts: {}, changes };
}

/** A database of two operations: enough to see which features a bullet is matched to. */
function tinyDatabase(): CompatDatabase {
  const create = { method: 'POST', path: '/containers/create' } as const;
  const added = (version: string) => [{ version, kind: 'body-field-added', severity: 'addition' as const, from: null, to: null }];
  return {
    schemaVersion: 1,
    apiVersions: ['1.25', '1.26', '1.27', '1.28'],
    engines: [],
    sources: [],
    versions: [],
    features: [
      record({ ...create, location: 'operation', name: '' }, '1.25'),
      record({ ...create, location: 'body', name: 'HostConfig' }, '1.25'),
      record({ ...create, location: 'body', name: 'HostConfig.NanoCpus' }, '1.27', added('1.27')),
      record({ method: 'POST', path: '/containers/{id}/update', location: 'operation', name: '' }, '1.25'),
    ],
  };
}

function bulletsOf(text: string): ChangelogBullet[] {
  return parseChangelog(text);
}

describe('reconciling bullets with a small database', () => {
  it('a nested name wins over the parent that only places it', () => {
    const [bullet] = reconcileChangelog(tinyDatabase(), bulletsOf('## v1.27 API changes\n\n* The `HostConfig` field now includes `NanoCpus`.\n')).bullets;
    expect(bullet).toMatchObject({ status: 'matched', features: ['POST /containers/create body field HostConfig.NanoCpus'], viaErrata: false });
  });

  it('the version differs when the nested field changes in another version', () => {
    const [bullet] = reconcileChangelog(tinyDatabase(), bulletsOf('## v1.26 API changes\n\n* The `HostConfig` field now includes `NanoCpus`.\n')).bullets;
    expect(bullet).toMatchObject({ status: 'version-differs', specVersions: ['1.27'] });
  });

  it('a wrong method and a singular path still find the one operation meant', () => {
    const reconciled = reconcileChangelog(tinyDatabase(), bulletsOf('## v1.28 API changes\n\n* `GET /containers/create` changes.\n* `POST /container/(name)/update` changes.\n'));
    expect(reconciled.bullets.map((bullet) => bullet.features)).toEqual([['POST /containers/create'], ['POST /containers/{id}/update']]);
  });
});

const changelogPath = SPEC_DIR ? join(SPEC_DIR, 'CHANGELOG.md') : undefined;

/** The reconciled bullet whose full text (not the short excerpt) matches. */
function bulletAt(reconciliation: Reconciliation, changelog: ChangelogBullet[], version: string, pattern: RegExp): ReconciledBullet {
  const lines = changelog.filter((bullet) => bullet.version === version && pattern.test(bullet.text)).map((bullet) => bullet.line);
  expect(lines, `one v${version} bullet matching ${pattern}`).toHaveLength(1);
  return reconciliation.bullets.find((bullet) => bullet.line === lines[0])!;
}

describe.skipIf(!changelogPath)(`CHANGELOG.md against the shipped database (${changelogPath ? 'found' : SKIP_REASON})`, () => {
  const changelog = changelogPath ? parseChangelog(readFileSync(changelogPath, 'utf8')) : [];
  const reconciliation = changelogPath ? reconcileChangelog(loadDatabase(), changelog) : undefined;

  it('v1.25 HostConfig.Init is matched through the erratum, not through the specs (which show 1.37)', () => {
    const init = bulletAt(reconciliation!, changelog, '1.25', /HostConfig\.Init/);
    expect(init).toMatchObject({ status: 'matched', viaErrata: true });
    expect(init.features).toContain('POST /containers/create body field HostConfig.Init');
  });

  it('v1.42 "wait returns 400 for an invalid condition" is behaviour: the version stays different', () => {
    expect(bulletAt(reconciliation!, changelog, '1.42', /invalid `condition`/)).toMatchObject({ status: 'version-differs', specVersions: ['1.30'] });
  });

  it('a bullet is not checkable only when it names no field and no endpoint the specs have', () => {
    const notCheckable = reconciliation!.bullets.filter((entry) => entry.status === 'not-checkable');
    expect(notCheckable.length).toBeGreaterThan(0);
    for (const bullet of notCheckable) expect(changelog.find((entry) => entry.line === bullet.line)!.names, bullet.excerpt).toEqual([]);
    // The debug endpoints of v1.48 are served outside the versioned API the specs describe.
    expect(bulletAt(reconciliation!, changelog, '1.48', /API debug endpoints/).status).toBe('not-checkable');
  });

  it('the report is the same text every time', () => {
    const again = reconcileChangelog(loadDatabase(), parseChangelog(readFileSync(changelogPath!, 'utf8')));
    expect(renderReconciliationMarkdown(again)).toBe(renderReconciliationMarkdown(reconciliation!));
  });
});

describe.skipIf(!SPEC_DIR)(`CHANGELOG.md against a fresh compile with specs/errata.json (${SPEC_DIR ? 'specs found' : SKIP_REASON})`, () => {
  const changelog = changelogPath ? parseChangelog(readFileSync(changelogPath, 'utf8')) : [];
  let reconciliation: Reconciliation;
  beforeAll(async () => {
    const specs = join(REPO_ROOT, 'specs');
    const compiled = await compileFromSources({
      specDir: SPEC_DIR!,
      manifest: readSourcesManifest(join(specs, 'sources.json')),
      errata: readErrata(join(specs, 'errata.json')),
    });
    reconciliation = compiled.reconciliation;
  });

  it('v1.25 NanoCpus in HostConfig is matched to the HostConfig.NanoCpus fields, not to HostConfig', () => {
    const nanoCpus = bulletAt(reconciliation, changelog, '1.25', /now includes `NanoCpus`/);
    expect(nanoCpus.status).toBe('matched');
    expect(nanoCpus.features).toEqual(['POST /containers/create body field HostConfig.NanoCpus', 'GET /containers/{id}/json response 200 field HostConfig.NanoCpus']);
  });

  it.each([
    ['1.25', /return `Addr` as part of a node's `Status`/, 'GET /nodes response 200 field [].Status.Addr'],
    ['1.27', /online_cpus/, 'GET /containers/{id}/stats response 200 field cpu_stats.online_cpus'],
    ['1.28', /`Consistency` field/, 'POST /containers/create body field HostConfig.Mounts[].Consistency'],
    ['1.40', /now accepts a `PidsLimit` field/, 'POST /containers/{id}/update body field PidsLimit'],
    ['1.48', /now has an `EnableIPv4` field/, 'POST /networks/create body field EnableIPv4'],
  ])('v%s %s is matched through errata', (version, pattern, feature) => {
    const bullet = bulletAt(reconciliation, changelog, version, pattern);
    expect(bullet).toMatchObject({ status: 'matched', viaErrata: true });
    expect(bullet.features).toContain(feature);
  });

  it('v1.28 NanoCpus on update is matched in 1.28', () => {
    const update = bulletAt(reconciliation, changelog, '1.28', /updating `NanoCpus`/);
    expect(update.status).toBe('matched');
    expect(update.features).toContain('POST /containers/{id}/update body field NanoCpus');
  });
});
