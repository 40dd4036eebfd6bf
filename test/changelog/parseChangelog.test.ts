import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeChangelogPath, parseChangelog, type ChangelogBullet } from '../../src/changelog/parseChangelog.js';
import { SKIP_REASON, SPEC_DIR } from '../helpers/specDirectory.js';

function only(text: string): ChangelogBullet {
  const bullets = parseChangelog(text);
  expect(bullets).toHaveLength(1);
  return bullets[0];
}

describe('changelog paths', () => {
  it.each([
    ['/containers/(id or name)/json', '/containers/{}/json'],
    ['/plugins/pull?name=<plugin name>', '/plugins/pull'],
    ['/containers/{name:.*}/json', '/containers/{}/json'],
    ['/networks/', '/networks'],
    ['/volumes{name}', '/volumes/{}'],
  ])('%s normalises to %s', (written, normalised) => {
    expect(normalizeChangelogPath(written)).toBe(normalised);
  });
});

describe('changelog bullets', () => {
  it('reads a path whose placeholder has spaces in it', () => {
    const bullet = only('## v1.27 API changes\n\n* `GET /containers/(id or name)/stats` now includes an `online_cpus` field.\n');
    expect(bullet.endpoints).toEqual([{ method: 'GET', path: '/containers/{}/stats' }]);
    expect(bullet.names).toEqual(['online_cpus']);
  });

  it('reads `Get` as GET', () => {
    expect(only('## v1.36 API changes\n\n* `Get /events` now return `exec_die` event.\n').endpoints).toEqual([{ method: 'GET', path: '/events' }]);
  });

  it('joins two names as parent and child, both ways round', () => {
    const bullet = only('## v1.25 API changes\n\n* The `HostConfig` field now includes `NanoCpus`.\n');
    expect(bullet.nestedNames).toEqual(['HostConfig.NanoCpus', 'NanoCpus.HostConfig']);
  });

  it('keeps indented paragraphs after a blank line in the bullet, and drops flush-left prose', () => {
    const bullets = parseChangelog('## v1.42 API changes\n\n* `GET /_ping` now returns a `Swarm` header.\n\n  It can contain:\n\n    - "active/manager"\n\nInstead of:\n\n* `GET /info` changes.\n');
    expect(bullets.map((bullet) => bullet.text)).toEqual(['`GET /_ping` now returns a `Swarm` header. It can contain: "active/manager"', '`GET /info` changes.']);
  });

  it('reads a sub-heading and the list under it as one bullet of the section', () => {
    const bullets = parseChangelog('## v1.46 API changes\n\n#### Deprecated Config fields in `GET /images/{name}/json` response\n\nThese are deprecated:\n\n- `Hostname`\n- `Tty`\n\n* `POST /services/create` now supports OomScoreAdj\n');
    expect(bullets).toHaveLength(2);
    expect(bullets[0]).toMatchObject({ version: '1.46', line: 3, deprecation: true, endpoints: [{ method: 'GET', path: '/images/{}/json' }], names: ['Hostname', 'Tty'] });
    expect(bullets[1].endpoints).toEqual([{ method: 'POST', path: '/services/create' }]);
  });
});

const changelogPath = SPEC_DIR ? join(SPEC_DIR, 'CHANGELOG.md') : undefined;

describe.skipIf(!changelogPath)(`Docker's CHANGELOG.md (${changelogPath ? 'found' : SKIP_REASON})`, () => {
  const bullets = changelogPath ? parseChangelog(readFileSync(changelogPath, 'utf8')) : [];
  const bullet = (version: string, pattern: RegExp): ChangelogBullet => {
    const found = bullets.filter((candidate) => candidate.version === version && pattern.test(candidate.text));
    expect(found, `one v${version} bullet matching ${pattern}`).toHaveLength(1);
    return found[0];
  };

  it('has bullets for every API version with a Swagger spec, 1.25 to 1.55', () => {
    const versions = new Set(bullets.map((entry) => entry.version));
    for (let minor = 25; minor <= 55; minor++) expect(versions.has(`1.${minor}`), `v1.${minor}`).toBe(true);
  });

  it('reads the oldest sections, written with ###, too', () => {
    expect(bullet('1.17', /returns a live stream/).endpoints).toEqual([{ method: 'GET', path: '/containers/{}/stats' }]);
  });

  it('v1.25: POST /containers/create takes HostConfig.Init', () => {
    expect(bullet('1.25', /HostConfig\.Init/)).toMatchObject({ endpoints: [{ method: 'POST', path: '/containers/create' }], names: ['HostConfig.Init'] });
  });

  it('v1.25: NanoCpus is named as a field of HostConfig', () => {
    const nanoCpus = bullet('1.25', /now includes `NanoCpus`/);
    expect(nanoCpus.endpoints).toEqual([]);
    expect(nanoCpus.nestedNames).toContain('HostConfig.NanoCpus');
  });

  it('v1.25: the node bullet names both endpoints, the misspelt `/node/` one too, and Status.Addr', () => {
    const nodes = bullet('1.25', /return `Addr` as part of a node's `Status`/);
    expect(nodes.endpoints).toEqual([
      { method: 'GET', path: '/nodes' },
      { method: 'GET', path: '/node/{}' },
    ]);
    expect(nodes.nestedNames).toContain('Status.Addr');
  });

  it('v1.27: the stats bullet keeps its "(id or name)" path whole', () => {
    expect(bullet('1.27', /online_cpus/).endpoints).toEqual([{ method: 'GET', path: '/containers/{}/stats' }]);
  });

  it('v1.46: the deprecated image Config fields under their own heading stay in v1.46', () => {
    const deprecatedConfig = bullet('1.46', /^Deprecated Config fields/);
    expect(deprecatedConfig.deprecation).toBe(true);
    expect(deprecatedConfig.nestedNames).toContain('Config.Hostname');
    expect(bullet('1.46', /now support OomScoreAdj/).endpoints).toHaveLength(2);
  });

  it('v1.52: the NetworkSettings removal names the nested fields', () => {
    const removal = bullet('1.52', /`NetworkSettings` no longer returns/);
    expect(removal.removal).toBe(true);
    expect(removal.nestedNames).toEqual(expect.arrayContaining(['NetworkSettings.Bridge', 'NetworkSettings.IPAddress']));
  });
});
