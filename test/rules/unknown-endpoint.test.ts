import rule from '../../rules/unknown-endpoint.js';
import { testRule } from './lintFixture.js';

const TARGET = 'docker >= 25.0';

testRule(rule, 'unknown-endpoint', {
  failing: [
    {
      name: 'an http.request to /containers/{id}/stopp matches no endpoint; the stop endpoint is suggested',
      target: TARGET,
      file: 'src/stop.ts',
      line: 6,
      words: ['POST /containers/{}/stopp', 'matches no endpoint of API 1.25 to 1.55', 'did you mean POST /containers/{id}/stop?'],
    },
    {
      name: 'a curl without -X sends GET to the restart endpoint, which only takes POST',
      target: TARGET,
      file: 'scripts/restart.sh',
      line: 4,
      words: ['GET /containers/web/restart', '/containers/{id}/restart takes POST'],
    },
  ],
  passing: [{ name: 'the start endpoint as the API spells it', target: TARGET, file: 'src/stop.ts', line: 18 }],
  exitCodes: [{ name: 'exits 1: an unknown endpoint is an error', target: TARGET, code: 1 }],
});
