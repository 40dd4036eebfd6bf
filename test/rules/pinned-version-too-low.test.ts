import rule from '../../rules/pinned-version-too-low.js';
import { testRule } from './lintFixture.js';

const TARGET = 'docker 25.0 - 28.5';

testRule(rule, 'pinned-version-too-low', {
  failing: [
    {
      name: 'a dockerode client pinned to v1.41 in another file sends the stop signal, which needs 1.42',
      target: TARGET,
      file: 'src/rollout.ts',
      line: 5,
      words: ['POST /containers/{id}/stop', 'pinned to API 1.41', "client's version option in test/fixtures/rules/pinned-version-too-low/src/client.ts", 'query parameter signal needs API 1.42', 'ignores it or rejects the call'],
    },
    {
      name: 'a fetch pinned to /v1.43/ reads Config.Healthcheck.StartInterval, which responses only have from 1.44',
      target: TARGET,
      file: 'src/health.ts',
      line: 7,
      words: ['GET /containers/{id}/json', 'pinned to API 1.43 by the URL', 'response 200 field Config.Healthcheck.StartInterval', 'added in API 1.44', 'responses at 1.43 do not have it'],
    },
    {
      name: 'a curl pinned to /v1.41 calls PUT /volumes/{name}, an endpoint added in 1.42',
      target: TARGET,
      file: 'scripts/volumes.sh',
      line: 7,
      words: ['PUT /volumes/{name}', 'pinned to API 1.41 by the URL', 'endpoint was added in API 1.42', 'rejects the call'],
    },
  ],
  passing: [
    { name: 'the client pinned to v1.42 has the stop signal', target: TARGET, file: 'src/drained.ts' },
    { name: 'whatever the targets, the finding depends on the pin alone', target: 'docker 29.3', file: 'src/drained.ts' },
  ],
  exitCodes: [{ name: 'exits 1: the daemon ignores or rejects what needs more than the pin', target: TARGET, code: 1 }],
});
