import { describe, expect, it } from 'vitest';
import rule from '../../rules/unversioned-request.js';
import { findingsOf, lintFixture, testRule } from './lintFixture.js';

const TARGET = 'docker >= 25.0';

testRule(rule, 'unversioned-request', {
  failing: [
    {
      name: 'an unversioned inspect that reads State.Health.Status is a warning, with a pin every target serves',
      target: TARGET,
      file: 'src/agent.ts',
      line: 8,
      words: ['GET /containers/{id}/json', 'no API version pin', 'reads State.Health.Status', 'docker 25.0 to 29.5', "new Docker({ version: 'v1.44' })"],
    },
    {
      name: 'an unversioned restart that reads nothing back is info',
      target: TARGET,
      file: 'src/agent.ts',
      line: 14,
      severity: 'info',
      words: ['POST /containers/{id}/restart', 'no API version pin', 'speaks whatever version the daemon runs'],
    },
    {
      name: 'an unversioned curl ping is info, with the /v1.NN prefix to add',
      target: TARGET,
      file: 'scripts/ping.sh',
      line: 3,
      severity: 'info',
      words: ['GET /_ping', 'a /v1.44 prefix on the path'],
    },
    {
      name: "a dockerode version without its leading v ('1.41') is no pin the daemon can route",
      target: TARGET,
      file: 'src/legacy.js',
      line: 7,
      words: ['GET /images/json', 'no usable API version pin', "version '1.41' lacks the leading v"],
    },
    {
      name: 'when no single version suits every target, the message says so instead of suggesting one',
      target: 'docker >= 23.0',
      file: 'src/agent.ts',
      line: 8,
      words: ['no single version suits every target'],
    },
  ],
  passing: [{ name: 'the client pinned to v1.44 speaks one version everywhere', target: TARGET, file: 'src/agent.ts', line: 19 }],
  exitCodes: [{ name: 'exits 0: unversioned requests are warnings and info', target: TARGET, code: 0 }],
});

describe('unversioned-request severity', () => {
  it('configured as error, it raises the calls that read responses and leaves the others at info', () => {
    const run = lintFixture('unversioned-request', TARGET, { config: 'strict.docker-api-compatrc.json' });
    const bySeverity = (line: number) => findingsOf(run, 'unversioned-request', 'src/agent.ts').find((finding) => finding.line === line)?.severity;
    expect(bySeverity(8)).toBe('error');
    expect(bySeverity(14)).toBe('info');
    expect(run.code).toBe(1);
  });
});
